"""Work started from shapes the survey of scheduled work found broken (survey10): an Airflow
TaskFlow task run through its own methods (``.override(...)``, ``.partial(...).expand(...)``,
``.function(...)``, Prefect's ``.with_options(...)``), a scheduler handed a lambda whose one
call only starts the work (``lambda: Thread(target=sync).start()``), and the evaluators an
evaluation run is handed (LangSmith ``evaluate(target, evaluators=[f])``)."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

TASKS = ("from airflow.decorators import task\n\n\n"
         "@task\n"
         "def ask(prompt, chunk):\n"
         "    from openai import OpenAI\n"
         "    return OpenAI().chat.completions.create(model='m', messages=[])\n")


def dag(schedule: str, body: str) -> str:
    return ("from airflow.decorators import dag, task\nfrom tasks import ask\n\n\n"
            f"@dag(schedule={schedule})\ndef pipeline():\n{body}\n\npipeline()\n")


def test_a_mapped_task_rebound_by_override_and_partial_runs_on_the_schedule(tmp_path):
    body = "    ask.override(task_display_name='x').partial(prompt='p').expand(chunk=['a', 'b'])\n"
    result = project(tmp_path, {"tasks.py": TASKS, "dags/pipeline.py": dag("'@daily'", body)})
    assert classes_of(result) == {("tasks.py", 7): "scheduled"}


def test_a_tasks_function_called_from_another_task_runs_with_it(tmp_path):
    body = ("    @task\n    def translate(x):\n        return ask.function(prompt='p', chunk=x)\n\n"
            "    translate('a')\n")
    result = project(tmp_path, {"tasks.py": TASKS, "dags/pipeline.py": dag("'0 3 * * *'", body)})
    assert classes_of(result) == {("tasks.py", 7): "scheduled"}


def test_a_partial_outside_an_orchestrator_file_is_not_its_receiver(tmp_path):
    source = ("from openai import OpenAI\n\n\n"
              "def ask(prompt, chunk):\n"
              "    return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
              "def handler(shapes):\n"
              "    return shapes.partial(prompt='p').expand(chunk=1)\n")
    result = project(tmp_path, {"work.py": source})
    assert classes_of(result) == {("work.py", 5): "unknown"}


def test_prefect_with_options_is_the_same_flow_on_its_deployment(tmp_path):
    flows = ("from prefect import flow\nfrom openai import OpenAI\n\n\n"
             "@flow\ndef digest():\n"
             "    return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
             "if __name__ == '__main__':\n"
             "    digest.with_options(retries=2).serve(name='d', cron='0 6 * * *')\n")
    result = project(tmp_path, {"flows.py": flows})
    assert classes_of(result) == {("flows.py", 7): "scheduled"}


SERVER = ("import asyncio, threading\n"
          "from fastapi import FastAPI\n"
          "from apscheduler.schedulers.asyncio import AsyncIOScheduler\n"
          "from openai import OpenAI\n"
          "app = FastAPI()\n"
          "scheduler = AsyncIOScheduler()\n\n\n"
          "class Sync:\n"
          "    async def run(self):\n"
          "        return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
          "@app.on_event('startup')\n"
          "async def startup():\n"
          "    def in_thread():\n"
          "        loop = asyncio.new_event_loop()\n"
          "        loop.run_until_complete(Sync().run())\n"
          "    scheduler.add_job({job}, trigger='interval', minutes=15)\n"
          "    scheduler.start()\n")


def test_a_scheduled_lambda_that_starts_a_thread_runs_the_threads_work_on_the_schedule(tmp_path):
    job = "func=lambda: threading.Thread(target=in_thread).start()"
    result = project(tmp_path, {"main.py": SERVER.format(job=job)})
    assert classes_of(result) == {("main.py", 11): "scheduled"}
    chain = " | ".join(e.note for e in result.sites[0].evidence)
    assert "add_job" in chain and "start-up hook" not in chain


def test_a_scheduled_lambda_that_creates_a_task_runs_the_coroutines_function(tmp_path):
    job = "lambda: asyncio.create_task(Sync().run())"
    result = project(tmp_path, {"main.py": SERVER.format(job=job)})
    assert classes_of(result) == {("main.py", 11): "scheduled"}


def test_a_lambda_that_builds_a_thread_without_starting_it_is_not_followed(tmp_path):
    job = "lambda: threading.Thread(target=in_thread)"
    result = project(tmp_path, {"main.py": SERVER.format(job=job)})
    assert classes_of(result) != {("main.py", 11): "scheduled"}


EVAL = ("from langsmith import Client\nfrom openai import OpenAI\n\n\n"
        "def target(inputs):\n"
        "    return {'answer': OpenAI().chat.completions.create(model='m', messages=[])}\n\n\n"
        "def correctness(run, example):\n"
        "    return {'score': OpenAI().chat.completions.create(model='judge', messages=[])}\n\n\n"
        "def unused(run, example):\n"
        "    return {'score': OpenAI().chat.completions.create(model='judge', messages=[])}\n\n\n"
        "Client().evaluate(target, data='qa', evaluators=[correctness])\n")


def test_an_evaluation_runs_its_evaluators_for_whoever_starts_it(tmp_path):
    workflow = ("on:\n  schedule:\n    - cron: '0 4 * * *'\njobs:\n  eval:\n    runs-on: ubuntu-latest\n"
                "    steps:\n      - run: python evals/run.py\n")
    result = project(tmp_path, {"evals/run.py": EVAL, ".github/workflows/eval.yml": workflow})
    assert classes_of(result) == {("evals/run.py", 6): "scheduled", ("evals/run.py", 10): "scheduled",
                                  ("evals/run.py", 14): "unknown"}
    judge = next(s for s in result.sites if s.resolved.site.line == 10)
    assert any("gives correctness to an evaluation run as an evaluator" in e.note for e in judge.evidence)


TOOLS = ("from langchain.tools import tool\nfrom openai import OpenAI\n\n\n@tool\ndef scrape(topic: str) -> str:\n"
         "    \"\"\"Fetch and translate.\"\"\"\n    return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
         "@tool\ndef unused(topic: str) -> str:\n"
         "    \"\"\"Not handed to any agent.\"\"\"\n    return OpenAI().chat.completions.create(model='m', messages=[])\n")
AGENT = ("from langchain.agents import AgentExecutor\n\n\nclass Analyst:\n    def __init__(self):\n"
         "        from tools import scrape\n        self.tools = [scrape]\n"
         "        self.executor = AgentExecutor(agent=None, tools=self.tools)\n\n"
         "    def query(self, question):\n        return self.executor.invoke({'input': question})\n")


def test_tools_an_attribute_holds_are_run_by_the_agent_they_are_handed_to(tmp_path):
    """``AgentExecutor(tools=self.tools)`` with the list built in ``__init__`` (survey11's
    vuln_feed): whoever runs the agent runs each tool in the list, and no other."""
    route = ("from fastapi import FastAPI\n\nfrom agent import Analyst\n\napp = FastAPI()\n\n\n"
             "@app.post('/search')\ndef search(q: str):\n    return Analyst().query(q)\n")
    result = project(tmp_path, {"tools.py": TOOLS, "agent.py": AGENT, "main.py": route})
    found = classes_of(result)
    assert found[("tools.py", 8)] == "real-time" and found[("tools.py", 14)] == "unknown"
    tool = next(s for s in result.sites if s.resolved.facts.path == "tools.py" and s.resolved.site.line == 8)
    assert any("gives scrape to an agent as a tool" in e.note for e in tool.evidence), [e.note for e in tool.evidence]
