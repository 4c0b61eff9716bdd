"""A callable handed to a runner whose coroutine is handed off (``create_task(asyncio.to_thread(f))``)
is work started, not a callable the starting code runs (issue 15, label policy 4)."""
from __future__ import annotations

from test_graph import project, sites

HEAD = (
    "import asyncio\nfrom fastapi import FastAPI\nfrom openai import OpenAI\n\n"
    "app = FastAPI()\nclient = OpenAI()\n\n\n"
    "def worker(text):\n    return client.chat.completions.create(model='m', messages=[])\n\n\n"
)
SITE = 10


def cls(tmp_path, body: str) -> str:
    return sites(project(tmp_path, {"app.py": HEAD + body}))[("app.py", SITE)][1]


def test_a_thread_a_route_hands_to_create_task_is_near_real_time(tmp_path):
    assert cls(tmp_path, (
        "@app.post('/add')\nasync def add(text: str):\n"
        "    asyncio.create_task(asyncio.to_thread(worker, text))\n    return {}\n"
    )) == "near-real-time"


def test_an_executor_coroutine_handed_to_create_task_is_near_real_time(tmp_path):
    assert cls(tmp_path, (
        "@app.post('/add')\nasync def add(text: str):\n    loop = asyncio.get_running_loop()\n"
        "    asyncio.ensure_future(loop.run_in_executor(None, worker, text))\n    return {}\n"
    )) == "near-real-time"


def test_awaiting_the_thread_keeps_the_routes_class(tmp_path):
    assert cls(tmp_path, (
        "@app.post('/add')\nasync def add(text: str):\n"
        "    return await asyncio.to_thread(worker, text)\n"
    )) == "real-time"
    assert cls(tmp_path, (
        "@app.post('/add')\nasync def add(text: str):\n"
        "    await asyncio.create_task(asyncio.to_thread(worker, text))\n"
    )) == "real-time"
