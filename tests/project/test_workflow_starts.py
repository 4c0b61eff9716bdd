"""Temporal starts (``catalog/workflow_methods.py``): ``execute_workflow`` waits for the workflow's
result, ``start_workflow`` hands it off; a workflow waits for the activities it executes, named by
reference or by their registered name (round 18's amscotti/hnbrief)."""
from __future__ import annotations

from textwrap import dedent

from test_graph import project, sites

ACTIVITIES = dedent("""\
    from openai import AsyncOpenAI
    from temporalio import activity

    client = AsyncOpenAI()


    class Activities:
        @activity.defn
        async def summarize(self, text: str) -> str:
            return await client.chat.completions.create(model="m", messages=[])

        @activity.defn(name="write_brief")
        async def brief(self, parts: list) -> str:
            return await client.chat.completions.create(model="m", messages=[])
""")
SUMMARIZE, BRIEF = ("activities.py", 10), ("activities.py", 14)
WORKFLOW = dedent("""\
    from datetime import timedelta
    from temporalio import workflow


    @workflow.defn(name="DailyBrief")
    class Brief:
        @workflow.run
        async def run(self, count: int) -> str:
            part = await workflow.execute_activity("summarize", "x", start_to_close_timeout=timedelta(minutes=1))
            return await workflow.execute_activity("write_brief", [part], start_to_close_timeout=timedelta(minutes=1))
""")
WORKER = dedent("""\
    import asyncio
    from temporalio.client import Client
    from temporalio.worker import Worker
    from activities import Activities
    from workflows import Brief


    async def main():
        client = await Client.connect("localhost:7233")
        acts = Activities()
        await Worker(client, task_queue="q", workflows=[Brief], activities=[acts.summarize, acts.brief]).run()


    if __name__ == "__main__":
        asyncio.run(main())
""")


def _classes(tmp_path, starter: str):
    files = {"activities.py": ACTIVITIES, "workflows.py": WORKFLOW, "worker.py": WORKER, "starter.py": dedent(starter)}
    found = sites(project(tmp_path, files))
    return found[SUMMARIZE][1], found[BRIEF][1]


def test_a_cli_awaiting_execute_workflow_waits_for_the_activities(tmp_path):
    assert _classes(tmp_path, """\
        import asyncio
        from temporalio.client import Client
        from workflows import Brief


        async def main():
            client = await Client.connect("localhost:7233")
            print(await client.execute_workflow(Brief.run, 5, id="b", task_queue="q"))


        if __name__ == "__main__":
            asyncio.run(main())
    """) == ("real-time", "real-time")


def test_a_workflow_started_from_outside_the_scan_runs_its_activities_on_the_worker(tmp_path):
    # the activities' sender, the workflow, is in the scan but nothing here starts it: a client elsewhere
    # (the Temporal CLI or UI, another service) does, and the worker runs it then (weak evidence)
    assert _classes(tmp_path, "") == ("near-real-time", "near-real-time")


def test_a_route_starting_a_workflow_hands_it_off(tmp_path):
    assert _classes(tmp_path, """\
        from fastapi import FastAPI
        from temporalio.client import Client

        app = FastAPI()


        @app.post("/brief")
        async def brief(count: int):
            client = await Client.connect("localhost:7233")
            handle = await client.start_workflow("DailyBrief", count, id="b", task_queue="q")
            return {"id": handle.id}
    """) == ("near-real-time", "near-real-time")


def test_a_route_awaiting_the_started_handle_waits(tmp_path):
    assert _classes(tmp_path, """\
        from fastapi import FastAPI
        from temporalio.client import Client
        from workflows import Brief

        app = FastAPI()


        @app.post("/brief")
        async def brief(count: int):
            client = await Client.connect("localhost:7233")
            handle = await client.start_workflow(Brief.run, count, id="b", task_queue="q")
            return await handle.result()
    """) == ("real-time", "real-time")


def test_another_librarys_execute_workflow_is_a_plain_call(tmp_path):
    # no temporalio import: the project's own ``execute_workflow`` method runs in the caller
    files = {
        "engine.py": dedent("""\
            from openai import OpenAI

            client = OpenAI()


            class Engine:
                def execute_workflow(self, step):
                    return client.chat.completions.create(model="m", messages=[])
        """),
        "main.py": dedent("""\
            from engine import Engine


            def summarize():
                pass


            if __name__ == "__main__":
                Engine().execute_workflow(summarize)
        """),
    }
    assert sites(project(tmp_path, files))[("engine.py", 8)][1] == "real-time"
