"""Celery tasks run where the calling code runs them (issue 15, round 15's misses): a task applied
synchronously (``task.apply(...).get()``, ``.run``, a signature's ``.apply()``) is a call in the
caller's process, not a hand-off; and a deployed worker runs only the tasks of the modules its
program imports (the app's ``include``/``imports``/``autodiscover_tasks([...])``)."""
from __future__ import annotations

import pytest
from test_graph import project, sites

from llm_latency_lint.catalog.celery_methods import HANDOFF, IN_PROCESS, TASK_METHODS
from llm_latency_lint.catalog.command_lines import entry_keys
from llm_latency_lint.catalog.dispatch import DECORATED_RUN_METHODS
from llm_latency_lint.catalog.queues import QUEUE_CALLS

CHAT = "OpenAI().chat.completions.create(model='m', messages=[])"
APP = "from celery import Celery\n\ncelery_app = Celery('w', broker='redis://'{include})\n"
TASK = ("from app.celery_app import celery_app\nfrom openai import OpenAI\n\n\n"
        "@celery_app.task\ndef {name}(payload):\n    return " + CHAT + "\n")
SITE_LINE = 7
ROUTER = ("from fastapi import APIRouter\n\n\n"
          "def create_task_router(task, name):\n    router = APIRouter()\n\n"
          "    @router.post(f'/sync/{name}')\n    def sync_endpoint(payload: dict):\n"
          "        return task.apply(args=[payload]).get()\n\n"
          "    @router.post(f'/async/{name}')\n    def async_endpoint(payload: dict):\n"
          "        return {'id': task.delay(payload).id}\n    return router\n")
MAIN = ("from fastapi import FastAPI\nfrom app.router import create_task_router\nfrom app.tasks import ask\n\n"
        "api = FastAPI()\napi.include_router(create_task_router(task=ask, name='ask'))\n")
COMPOSE = "services:\n  worker:\n    command: celery -A app.celery_app worker --loglevel=info\n"


def classes(tmp_path, files):
    return {path: klass for (path, _), (_, klass) in sites(project(tmp_path, files)).items()}


def base(include=""):
    return {"app/__init__.py": "", "app/celery_app.py": APP.format(include=include),
            "app/tasks.py": TASK.format(name="ask"), "docker-compose.yml": COMPOSE}


# ---- the catalog says where each task method runs the task ----------------------------------
def test_the_celery_method_catalog_feeds_the_queue_and_run_tables():
    assert {m for m, w in TASK_METHODS.items() if w == HANDOFF} <= set(QUEUE_CALLS)
    assert {m for m, w in TASK_METHODS.items() if w == IN_PROCESS} <= DECORATED_RUN_METHODS
    assert TASK_METHODS["apply"] == IN_PROCESS and TASK_METHODS["delay"] == HANDOFF


# ---- synchronous forms: the caller waits ----------------------------------------------------
def test_a_route_factory_running_its_task_parameter_with_apply_and_delay_is_mixed(tmp_path):
    files = {**base(", include=['app.tasks']"), "app/router.py": ROUTER, "main.py": MAIN}
    assert classes(tmp_path, files) == {"app/tasks.py": "mixed"}


@pytest.mark.parametrize("form", ["ask.apply(args=[x]).get()", "ask.apply((x,))", "ask.run(x)", "ask(x)",
                                  "ask.s(x).apply().get()", "chain(ask.s(x), ask.s()).apply()"])
def test_a_task_applied_in_the_route_is_real_time(tmp_path, form):
    route = ("from celery import chain\nfrom fastapi import FastAPI\nfrom app.tasks import ask\n\napp = FastAPI()\n\n\n"
             f"@app.post('/a')\ndef a(x: dict):\n    return {form}\n")
    assert classes(tmp_path, {**base(), "api.py": route}) == {"app/tasks.py": "real-time"}


@pytest.mark.parametrize("form", ["ask.delay(x)", "ask.s(x).delay()", "ask.si(x).apply_async()"])
def test_a_task_or_signature_handed_to_the_worker_is_near_real_time(tmp_path, form):
    route = ("from fastapi import FastAPI\nfrom app.tasks import ask\n\napp = FastAPI()\n\n\n"
             f"@app.post('/a')\ndef a(x: dict):\n    return {form}\n")
    assert classes(tmp_path, {"app/__init__.py": "", "app/celery_app.py": APP.format(include=""),
                              "app/tasks.py": TASK.format(name="ask"), "api.py": route}) == {"app/tasks.py": "near-real-time"}


APPLY_ELSEWHERE = ("import pandas as pd\nfrom fastapi import FastAPI\nfrom app.tasks import ask\n\napp = FastAPI()\n\n\n"
                  "@app.post('/queue')\ndef queue(x: dict):\n    return {'id': ask.delay(x).id}\n\n\n"
                  "@app.post('/count')\ndef count(x: dict, frame=None):\n"
                  "    return {'n': int({apply}.sum()), 'rows': frame.apply(len)}\n")


@pytest.mark.parametrize("apply, klass", [
    ("pd.DataFrame(x).apply(len)", "near-real-time"),  # a DataFrame's apply: ``ask`` keeps its hand-off's class
    ("ask.apply((x,)).get()", "mixed"),  # the route running the task: a person waits for it too
])
def test_apply_on_a_plain_object_is_not_a_task_run(tmp_path, apply, klass):
    """The module imports the task and hands it to the worker; another route's ``.apply`` on a
    DataFrame (or a parameter of no known type) runs no task, so only a real task run changes the class."""
    files = {"app/__init__.py": "", "app/celery_app.py": APP.format(include=""),
             "app/tasks.py": TASK.format(name="ask"), "api.py": APPLY_ELSEWHERE.replace("{apply}", apply)}
    assert classes(tmp_path, files) == {"app/tasks.py": klass}


# ---- a worker runs the tasks of the modules its app loads ----------------------------------
def old_copy(include):
    return {**base(include), "app/old_tasks.py": TASK.format(name="old_ask")}


@pytest.mark.parametrize("include", [", include=['app.tasks']", ", imports=('app.tasks',)"])
def test_a_task_module_the_app_does_not_include_is_not_run_by_its_worker(tmp_path, include):
    assert classes(tmp_path, old_copy(include)) == {"app/tasks.py": "near-real-time", "app/old_tasks.py": "unknown"}


@pytest.mark.parametrize("declared", [
    "celery_app.conf.update(task_track_started=True, include=['app.tasks'])\n",
    "celery_app.conf.imports = ['app.tasks']\n",
    "celery_app.conf.update({'include': ['app.tasks']})\n",
    "celery_app.autodiscover_tasks(['app'])\n",
    "TASKS = ['app.tasks']\ncelery_app.conf.include = TASKS\n",
])
def test_conf_settings_and_a_listed_autodiscovery_declare_the_modules_too(tmp_path, declared):
    files = old_copy("")
    files["app/celery_app.py"] += declared
    assert classes(tmp_path, files) == {"app/tasks.py": "near-real-time", "app/old_tasks.py": "unknown"}


def test_a_module_the_app_module_imports_is_loaded_too(tmp_path):
    files = old_copy("")
    files["app/worker.py"] = "from app.celery_app import celery_app\nfrom app.tasks import ask\n"
    files["docker-compose.yml"] = COMPOSE.replace("app.celery_app", "app.worker:celery_app")
    assert classes(tmp_path, files) == {"app/tasks.py": "near-real-time", "app/old_tasks.py": "unknown"}


def test_a_worker_include_option_loads_its_modules(tmp_path):
    files = old_copy(", include=['app.tasks']")
    files["docker-compose.yml"] = COMPOSE.replace("worker --", "worker -I app.old_tasks --")
    assert classes(tmp_path, files) == {"app/tasks.py": "near-real-time", "app/old_tasks.py": "near-real-time"}


@pytest.mark.parametrize("declared", [
    "celery_app.autodiscover_tasks()\n",
    "celery_app.config_from_object('app.celeryconfig')\n",
    "celery_app.conf.update(include=load_modules())\n",
])
def test_where_the_app_loads_what_the_scan_cannot_read_every_task_runs_as_before(tmp_path, declared):
    files = old_copy("")
    files["app/celery_app.py"] += declared
    assert classes(tmp_path, files) == {"app/tasks.py": "near-real-time", "app/old_tasks.py": "near-real-time"}


def test_a_worker_of_an_app_outside_the_project_runs_every_task_as_before(tmp_path):
    files = old_copy(", include=['app.tasks']")
    files["docker-compose.yml"] = COMPOSE.replace("app.celery_app", "vendor.worker")
    assert classes(tmp_path, files) == {"app/tasks.py": "near-real-time", "app/old_tasks.py": "near-real-time"}


@pytest.mark.parametrize("command, keys", [
    ("celery -A proj worker -I proj.extra,proj.more", ["celery-worker:proj", "celery-worker-include:proj.extra",
                                                        "celery-worker-include:proj.more"]),
    ("celery --app=proj worker --include=proj.extra", ["celery-worker:proj", "celery-worker-include:proj.extra"]),
])
def test_a_worker_commands_include_option_names_its_modules(command, keys):
    assert entry_keys(command) == keys


def test_waiting_on_a_queued_signature_keeps_the_route_real_time(tmp_path):
    route = ("from fastapi import FastAPI\nfrom app.tasks import ask\n\napp = FastAPI()\n\n\n"
             "@app.post('/a')\ndef a(x: dict):\n    job = ask.s(x).delay()\n    return job.get(timeout=30)\n")
    files = {"app/__init__.py": "", "app/celery_app.py": APP.format(include=""), "app/tasks.py": TASK.format(name="ask"),
             "api.py": route}
    assert classes(tmp_path, files) == {"app/tasks.py": "real-time"}
