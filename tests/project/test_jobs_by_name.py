"""Jobs queued by their function's bare name (survey10): arq's ``enqueue_job("summarise", x)`` in a
file that imports no relevant module, a module constant naming the job, and a project helper whose
parameter carries the name (``queue.submit("summarise", x)`` -> ``pool.enqueue_job(name, ...)``):
whatever runs the queueing code reaches the worker function the name names."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

WORKER = ("from arq.connections import RedisSettings\nfrom openai import AsyncOpenAI\n\n\n"
          "async def summarise(ctx, doc_id):\n"
          "    await AsyncOpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
          "class WorkerSettings:\n"
          "    functions = [summarise]\n"
          "    redis_settings = RedisSettings()\n")
HELPER = ("from arq import create_pool\nfrom arq.connections import RedisSettings\n\n\n"
          "class Jobs:\n"
          "    async def submit(self, job_name, *args):\n"
          "        pool = await create_pool(RedisSettings())\n"
          "        return await pool.enqueue_job(job_name, *args)\n\n\n"
          "jobs = Jobs()\n")
CRON = "0 3 * * * cd /srv && python app/nightly.py\n"


def script(body: str, imports: str = "") -> str:
    return (f"import asyncio\n{imports}\n\nasync def nightly():\n{body}\n\n\n"
            "if __name__ == '__main__':\n    asyncio.run(nightly())\n")


def test_a_job_queued_by_its_name_from_a_scheduled_script_is_scheduled(tmp_path):
    body = "    pool = await create_pool(RedisSettings())\n    await pool.enqueue_job('summarise', 'all')\n"
    imports = "from arq import create_pool\nfrom arq.connections import RedisSettings\n"
    result = project(tmp_path, {"app/__init__.py": "", "app/worker.py": WORKER,
                                "app/nightly.py": script(body, imports), "deploy/crontab": CRON})
    assert classes_of(result) == {("app/worker.py", 6): "scheduled"}


def test_a_helper_queues_the_job_its_callers_name_through_a_constant(tmp_path):
    body = "    await jobs.submit(JOB, 'all')\n"
    imports = "from app.jobs import jobs\n\nJOB = 'summarise'\n"
    result = project(tmp_path, {"app/__init__.py": "", "app/worker.py": WORKER, "app/jobs.py": HELPER,
                                "app/nightly.py": script(body, imports), "deploy/crontab": CRON})
    assert classes_of(result) == {("app/worker.py", 6): "scheduled"}
    chain = " | ".join(e.note for e in result.sites[0].evidence)
    assert "queues summarise with .enqueue_job()" in chain


def test_a_name_no_function_has_queues_nothing(tmp_path):
    body = "    await jobs.submit('other_job', 'all')\n"
    result = project(tmp_path, {"app/__init__.py": "", "app/worker.py": WORKER, "app/jobs.py": HELPER,
                                "app/nightly.py": script(body, "from app.jobs import jobs\n"), "deploy/crontab": CRON})
    assert classes_of(result) == {("app/worker.py", 6): "near-real-time"}  # the worker's own weak evidence


TWO = WORKER.replace("class WorkerSettings:", "async def extract(ctx, doc_id):\n    return doc_id\n\n\n"
                     "class WorkerSettings:").replace("[summarise]", "[summarise, extract]")


def test_a_listed_arq_function_no_send_names_is_sent_by_nothing(tmp_path):
    """Every ``enqueue_job`` names ``extract``: ``summarise`` has no sender, so its site is unknown;
    one send whose name the code reads at run time may name it (the worker's reading stays)."""
    imports = "import sys\nfrom arq import create_pool\nfrom arq.connections import RedisSettings\n"
    sends = "    pool = await create_pool(RedisSettings())\n    await pool.enqueue_job('extract', 'all')\n"
    files = {"app/__init__.py": "", "app/worker.py": TWO, "app/nightly.py": script(sends, imports), "deploy/crontab": CRON}
    assert classes_of(project(tmp_path, files)) == {("app/worker.py", 6): "unknown"}
    files["app/nightly.py"] = script(sends + "    await pool.enqueue_job(sys.argv[1], 'all')\n", imports)
    assert classes_of(project(tmp_path / "read", files)) == {("app/worker.py", 6): "near-real-time"}
