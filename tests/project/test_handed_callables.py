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


# An SDK callable handed over rather than called (issue 15, round 9): the reference is the site.
SDK_HEAD = ("import asyncio\nimport functools\nfrom fastapi import FastAPI\nfrom litellm import completion\n"
            "import replicate\n\napp = FastAPI()\n\n\n")


def handed_sites(tmp_path, body: str):
    return sites(project(tmp_path, {"app.py": SDK_HEAD + body}))


def test_an_sdk_function_imported_by_name_handed_to_to_thread_is_a_site(tmp_path):
    found = handed_sites(tmp_path, "@app.post('/ask')\nasync def ask(q: str):\n"
                                   "    params = {'model': 'm', 'messages': [q]}\n"
                                   "    return await asyncio.to_thread(completion, **params)\n")
    assert found == {("app.py", 13): ("litellm.completion", "real-time")}


def test_an_sdk_callable_handed_to_the_projects_executor_helper_is_a_site(tmp_path):
    found = handed_sites(tmp_path, (
        "async def run_blocking(loop, blocking, *args, **kwargs):\n"
        "    return await loop.run_in_executor(None, functools.partial(blocking, *args, **kwargs))\n\n\n"
        "@app.post('/image')\nasync def image(q: str):\n"
        "    loop = asyncio.get_running_loop()\n"
        "    out = await run_blocking(\n        loop,\n        replicate.run,\n        'owner/model',\n"
        "        input={'prompt': q},\n    )\n    return out\n\n\n"
        "@app.post('/chat')\nasync def chat(q: str):\n"
        "    return await run_blocking(asyncio.get_running_loop(), functools.partial(completion, model='m', messages=[q]))\n"
    ))
    assert found == {("app.py", 19): ("replicate.run", "real-time"),
                     ("app.py", 28): ("litellm.completion", "real-time")}


def test_an_sdk_callable_shown_to_a_library_is_no_site(tmp_path):
    found = handed_sites(tmp_path, (
        "import inspect\nimport logging\n\n\n@app.get('/about')\ndef about():\n"
        "    logging.info('using %s', replicate.run)\n    print(completion)\n"
        "    return str(inspect.signature(completion))\n"
    ))
    assert found == {}
