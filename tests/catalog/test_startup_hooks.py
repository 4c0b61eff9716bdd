"""Work an application starts at start-up (a worker thread or task draining a queue) is not a
request path: near-real-time; the routes stay real-time, and a loop sleeping to a cadence keeps
its schedule."""
from __future__ import annotations

import textwrap

import pytest
from support.fixlib import write_project

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run

WORKER = """
import time

from openai import OpenAI

client = OpenAI()


def summarize(text):
    return client.responses.create(model="gpt-4o", input=text)


def drain():
    while True:
        for job in pending():
            summarize(job)
        time.sleep({sleep})


def pending():
    return []
"""

HOOKS = {
    "lifespan": """
        @asynccontextmanager
        async def lifespan(app):
            threading.Thread(target=drain, daemon=True).start()
            yield

        app = FastAPI(lifespan=lifespan)
        """,
    "on_event": """
        app = FastAPI()

        @app.on_event("startup")
        async def start_worker():
            asyncio.create_task(asyncio.to_thread(drain))
        """,
    "add_event_handler": """
        def start_worker():
            threading.Thread(target=drain).start()

        app = FastAPI()
        app.add_event_handler("startup", start_worker)
        """,
}

APP = """
import asyncio
import threading
from contextlib import asynccontextmanager

from fastapi import FastAPI

from svc.worker import drain, summarize
{hook}

@app.post("/summaries")
def create(text: str):
    return summarize(text)
"""


def classes(tmp_path, hook: str, sleep: int = 5):
    files = {"svc/__init__.py": "", "svc/worker.py": WORKER.format(sleep=sleep),
             "svc/main.py": APP.format(hook=textwrap.dedent(HOOKS[hook]))}
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    return {s.resolved.site.function.rsplit(".", 1)[-1]: s.latency_class for s in result.sites}


@pytest.mark.parametrize("hook", sorted(HOOKS))
def test_a_worker_started_at_start_up_is_near_real_time_beside_a_route(tmp_path, hook):
    """The same call is reached from the worker (near-real-time) and a route (a person waits)."""
    assert classes(tmp_path, hook) == {"summarize": "mixed"}


@pytest.mark.parametrize("hook", sorted(HOOKS))
def test_without_the_route_the_worker_alone_is_near_real_time(tmp_path, hook):
    files = {"svc/__init__.py": "", "svc/worker.py": WORKER.format(sleep=5),
             "svc/main.py": APP.format(hook=textwrap.dedent(HOOKS[hook])).split("@app.post")[0]}
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    assert [s.latency_class for s in result.sites] == ["near-real-time"]


def test_a_worker_sleeping_a_day_keeps_its_schedule(tmp_path):
    files = {"svc/__init__.py": "", "svc/worker.py": WORKER.format(sleep=86400),
             "svc/main.py": APP.format(hook=textwrap.dedent(HOOKS["lifespan"])).split("@app.post")[0]}
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    assert [s.latency_class for s in result.sites] == ["scheduled"]


def test_django_app_config_ready_starting_a_thread(tmp_path):
    files = {"svc/__init__.py": "", "svc/worker.py": WORKER.format(sleep=5),
             "svc/apps.py": textwrap.dedent("""
                 import threading

                 from django.apps import AppConfig


                 class SvcConfig(AppConfig):
                     name = "svc"

                     def ready(self):
                         from svc.worker import drain
                         threading.Thread(target=drain, daemon=True).start()
                 """)}
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    assert [s.latency_class for s in result.sites] == ["near-real-time"]
