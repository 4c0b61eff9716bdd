"""Work handed to background and event-driven workers is near-real-time (label policy 4), not
what the code that starts the worker is (issue 15, round 14's misses): Celery tasks a deployed
worker runs, a Redis list a route pushes to and a tick pops, a worker polling a task table,
a Lambda invoked by the name its code falls back to, and a module loaded from a file path."""
from __future__ import annotations

from test_graph import project, sites

SDK = "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(text):\n    return client.chat.completions.create(model='m', messages=[])\n"
SITE = ("llm.py", 7)


def klass(tmp_path, files):
    return sites(project(tmp_path, {"llm.py": SDK, **files})).get(SITE, (None, None))[1]


# ---- Celery tasks a worker command runs ---------------------------------------------------
TASKS = ("from celery import Celery\nfrom llm import ask\n\ncelery = Celery('w')\n\n\n"
         "@celery.task(name='transcribe')\ndef transcribe(text):\n    return ask(text)\n")
SENDER = ("from fastapi import FastAPI\nfrom celery import Celery\n\napp = FastAPI()\nbroker = Celery('w')\n\n\n"
          "@app.post('/jobs')\ndef create(kind: str):\n    broker.send_task(load_name(kind), args=[kind])\n")
COMPOSE = "services:\n  worker:\n    build: .\n    command: celery -A worker.tasks.celery worker --concurrency=1\n"


def test_a_celery_task_only_sent_by_a_computed_name_is_near_real_time_where_a_worker_runs(tmp_path):
    files = {"worker/__init__.py": "", "worker/tasks.py": TASKS, "api.py": SENDER, "docker-compose.yml": COMPOSE}
    assert klass(tmp_path, files) == "near-real-time"


def test_a_procfile_or_python_m_worker_counts_too(tmp_path):
    files = {"worker/__init__.py": "", "worker/tasks.py": TASKS, "Procfile": "worker: python -m celery -A worker.tasks worker\n"}
    assert klass(tmp_path, files) == "near-real-time"


def test_without_a_worker_command_a_celery_task_nothing_sends_stays_unknown(tmp_path):
    compose = "services:\n  beat:\n    command: celery -A worker.tasks beat\n"
    assert klass(tmp_path, {"worker/__init__.py": "", "worker/tasks.py": TASKS, "docker-compose.yml": compose}) == "unknown"


def test_a_task_a_beat_entry_names_keeps_the_schedule(tmp_path):
    beat = ("from celery import Celery\nfrom celery.schedules import crontab\n\napp = Celery('w')\n"
            "app.conf.beat_schedule = {'daily': {'task': 'transcribe', 'schedule': crontab(hour=0, minute=0)}}\n")
    files = {"worker/__init__.py": "", "worker/tasks.py": TASKS, "proj/celery.py": beat, "docker-compose.yml": COMPOSE}
    assert klass(tmp_path, files) == "scheduled"


def test_a_beat_entry_matching_two_tasks_by_name_leaves_both_alone_even_with_a_worker(tmp_path):
    beat = ("from celery import Celery\nfrom celery.schedules import crontab\n\napp = Celery('w')\n"
            "app.conf.beat_schedule = {'daily': {'task': 'conversations.tasks.summarize', 'schedule': crontab(hour=0)}}\n")
    task = "from celery import shared_task\nfrom llm import ask\n\n\n@shared_task\ndef summarize():\n    return ask('x')\n"
    files = {"proj/celery.py": beat, "apps/a/__init__.py": "", "apps/a/tasks.py": task, "apps/b/__init__.py": "",
             "apps/b/tasks.py": task, "docker-compose.yml": COMPOSE}
    assert klass(tmp_path, files) == "unknown"



# Round 17's Virgo-Alpha/Watcher: the project hands its tasks to the worker as objects
# (``.delay()``) and never by name; a registered task none of those hand-offs names is sent by nothing.
SCRAPE = ("from celery import Celery\nfrom openai import OpenAI\n\ncelery = Celery('w')\n\n\n"
         "@celery.task(name='scrape')\ndef scrape(url):\n    return OpenAI().chat.completions.create(model='m', messages=[])\n")
DELAYS = ("from fastapi import FastAPI\nfrom worker.other import scrape\n\napp = FastAPI()\n\n\n"
          "@app.post('/scrape')\ndef create(url: str):\n    scrape.delay(url)\n")


def test_a_task_the_projects_own_object_handoffs_never_name_is_sent_by_nothing(tmp_path):
    files = {"worker/__init__.py": "", "worker/tasks.py": TASKS, "worker/other.py": SCRAPE, "api.py": DELAYS,
             "docker-compose.yml": COMPOSE}
    assert klass(tmp_path, files) == "unknown"
    # a project that also sends by name (``send_task``) may send it: the worker's reading stays
    assert klass(tmp_path / "named", {**files, "named.py": SENDER}) == "near-real-time"


def test_a_send_of_a_redefined_task_name_sends_the_first_definition_celery_registered(tmp_path):
    # round 7's Coder-dot-com/product_launch_site: Celery keeps the first registration of a name
    twice = TASKS + "\n\n@celery.task(name='transcribe')\ndef transcribe(text):\n    return text\n"
    route = ("from fastapi import FastAPI\nfrom worker.tasks import transcribe\n\napp = FastAPI()\n\n\n"
             "@app.post('/t')\ndef create(text: str):\n    transcribe.delay(text)\n")
    files = {"worker/__init__.py": "", "worker/tasks.py": twice, "api.py": route, "docker-compose.yml": COMPOSE}
    assert klass(tmp_path, files) == "near-real-time"

def test_a_route_calling_the_task_function_directly_keeps_it_real_time(tmp_path):
    route = ("from fastapi import FastAPI\nfrom worker.tasks import transcribe\n\napp = FastAPI()\n\n\n"
             "@app.post('/now')\ndef now(text: str):\n    return transcribe(text)\n")
    files = {"worker/__init__.py": "", "worker/tasks.py": TASKS, "api.py": route, "docker-compose.yml": COMPOSE}
    assert klass(tmp_path, files) == "real-time"


# ---- a Redis list a route pushes to and a schedule drains ----------------------------------
KEYS = "JOBS_KEY = 'jobs:queue'\n"
PUSH = ("from fastapi import FastAPI\nfrom keys import JOBS_KEY\nfrom store import lpush\n\napp = FastAPI()\n\n\n"
        "@app.post('/upload')\nasync def upload(name: str):\n    await lpush(JOBS_KEY, {'name': name})\n    return {'queued': True}\n")
STORE = ("import redis.asyncio as redis\n\nr = redis.Redis()\n\n\nasync def lpush(key, value):\n    await r.lpush(key, value)\n\n\n"
         "async def rpop(key):\n    return await r.rpop(key)\n")
TICK = ("from apscheduler.schedulers.asyncio import AsyncIOScheduler\nfrom keys import JOBS_KEY\nfrom llm import ask\n"
        "from store import rpop\n\n\nasync def tick():\n    job = await rpop(JOBS_KEY)\n    if job:\n        ask(job)\n\n\n"
        "scheduler = AsyncIOScheduler()\nscheduler.add_job(tick, 'cron', minute='*')\nscheduler.start()\n")


def test_a_tick_draining_a_list_a_route_fills_is_near_real_time(tmp_path):
    assert klass(tmp_path, {"keys.py": KEYS, "api.py": PUSH, "store.py": STORE, "tick.py": TICK}) == "near-real-time"


def test_a_tick_draining_a_list_nothing_in_the_scan_fills_stays_scheduled(tmp_path):
    assert klass(tmp_path, {"keys.py": KEYS, "store.py": STORE, "tick.py": TICK}) == "scheduled"


def test_a_list_filled_by_a_schedule_alone_stays_scheduled(tmp_path):
    digest = ("import redis\nfrom llm import ask\n\nr = redis.Redis()\n\n\ndef fill():  # llm-latency: scheduled\n"
              "    r.rpush('digest', 'x')\n\n\ndef drain():\n    while True:\n        _, item = r.blpop('digest')\n        ask(item)\n")
    assert klass(tmp_path, {"digest.py": digest}) == "scheduled"


# ---- a worker polling a task table ---------------------------------------------------------
POLLER = ("import asyncio\nfrom db import get_waiting_task\nfrom llm import ask\n\n\nasync def main():\n    while True:\n"
          "        task = get_waiting_task()\n        if task is None:\n            await asyncio.sleep(0.5)\n            continue\n"
          "        await asyncio.to_thread(ask, task)\n\n\nif __name__ == '__main__':\n    asyncio.run(main())\n")
DB = "def get_waiting_task():\n    return None\n"


def test_a_worker_polling_for_queued_tasks_is_near_real_time_though_started_by_hand(tmp_path):
    assert klass(tmp_path, {"worker.py": POLLER, "db.py": DB}) == "near-real-time"


def test_a_loop_polling_something_that_is_no_queue_keeps_its_reading(tmp_path):
    feed = POLLER.replace("get_waiting_task", "fetch_feed")
    assert klass(tmp_path, {"worker.py": feed, "db.py": DB.replace("get_waiting_task", "fetch_feed")}) == "real-time"


def test_a_long_pause_when_the_queue_is_empty_is_a_schedule_not_a_worker(tmp_path):
    hourly = POLLER.replace("asyncio.sleep(0.5)", "asyncio.sleep(3600)")
    assert klass(tmp_path, {"worker.py": hourly, "db.py": DB}) == "scheduled"


# ---- a Lambda invoked by the name its code falls back to -----------------------------------
TEMPLATE = """AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: dev
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: api.handler
      Events:
        Get:
          Type: Api
          Properties:
            Path: /process
            Method: get
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: !Sub 'embed-worker-${Stage}'
      Handler: worker.handler
"""
API = ("import json\nimport os\nimport boto3\n\nlambda_client = boto3.client('lambda')\n\n\ndef handler(event, context):\n"
       "    lambda_client.invoke(FunctionName=os.environ.get('WORKER_FN', 'embed-worker-dev'), InvocationType='Event',\n"
       "                         Payload=json.dumps(event))\n    return {'statusCode': 202}\n")
WORKER = "from llm import ask\n\n\ndef handler(event, context):\n    return ask(event['text'])\n"


def test_an_async_invoke_of_the_default_name_reaches_the_templates_function(tmp_path):
    assert klass(tmp_path, {"template.yaml": TEMPLATE, "api.py": API, "worker.py": WORKER}) == "near-real-time"


def test_a_name_placeholder_without_a_default_names_no_function(tmp_path):
    template = TEMPLATE.replace("    Default: dev\n", "")
    assert klass(tmp_path, {"template.yaml": template, "api.py": API, "worker.py": WORKER}) == "unknown"


# ---- a module loaded from a file path ------------------------------------------------------
LOADER = ("import importlib.util\nfrom pathlib import Path\nfrom fastapi import FastAPI, BackgroundTasks\n\napp = FastAPI()\n\n\n"
          "def load():\n    base = Path(__file__).parent / 'jobs'\n"
          "    spec = importlib.util.spec_from_file_location('job', base / 'forecast' / 'main.py')\n"
          "    module = importlib.util.module_from_spec(spec)\n    spec.loader.exec_module(module)\n    return module.main\n\n\n"
          "run_forecast = load()\n\n\n@app.post('/forecast')\nasync def forecast(tasks: BackgroundTasks):\n"
          "    tasks.add_task(run_forecast, ['a'])\n    return {'started': True}\n")
JOB = "from llm import ask\n\n\ndef main(symbols=None):\n    return ask('x')\n"
OTHER = "def main():\n    return 1\n\n\nif __name__ == '__main__':\n    main()\n"


def test_a_module_loaded_from_its_file_path_is_that_file(tmp_path):
    files = {"api.py": LOADER, "jobs/forecast/main.py": JOB, "jobs/other/main.py": OTHER, "main.py": "print(1)\n"}
    assert klass(tmp_path, files) == "near-real-time"


def test_scripts_sharing_a_name_in_a_nested_project_stay_distinct(tmp_path):
    """``backend/`` holds a project marker: its ``jobs/a/main.py`` and ``jobs/b/main.py`` are
    ``jobs.a.main`` and ``jobs.b.main`` there, so ``b``'s ``__main__`` does not run ``a``'s ``main``."""
    files = {"backend/setup.py": "from setuptools import setup\nsetup()\n", "backend/main.py": "print(1)\n",
             "backend/jobs/a/main.py": "from llm import ask\n\n\ndef main():\n    return ask('x')\n",
             "backend/jobs/b/main.py": OTHER, "backend/llm.py": SDK}
    found = sites(project(tmp_path, files))
    assert found[("backend/llm.py", 7)][1] == "unknown"
