"""Work a request hands off and does not wait for is near-real-time (label policy 4, issue 15)."""
from __future__ import annotations

from test_graph import project, sites

from llm_latency_lint.facts.visitor import extract

HEAD = (
    "import asyncio\nimport threading\nfrom concurrent.futures import ThreadPoolExecutor\n"
    "from fastapi import FastAPI\nfrom openai import AsyncOpenAI, OpenAI\n\n"
    "app = FastAPI()\naclient = AsyncOpenAI()\nclient = OpenAI()\nPOOL = ThreadPoolExecutor()\n\n\n"
    "async def work(text):\n    return await aclient.chat.completions.create(model='m', messages=[])\n\n\n"
    "def sync_work(text):\n    return client.chat.completions.create(model='m', messages=[])\n\n\n"
)
ASYNC_SITE, SYNC_SITE = 14, 18


def classes(tmp_path, body: str, extra: str = ""):
    result = project(tmp_path, {"app.py": HEAD + body, **({"job.py": extra} if extra else {})})
    found = sites(result)
    return found.get(("app.py", ASYNC_SITE), (None, None))[1], found.get(("app.py", SYNC_SITE), (None, None))[1]


def test_tasks_threads_and_executors_a_route_starts_are_near_real_time(tmp_path):
    assert classes(tmp_path, (
        "@app.post('/add')\nasync def add(text: str):\n"
        "    asyncio.create_task(work(text))\n"
        "    threading.Thread(target=sync_work, args=(text,), daemon=True).start()\n"
        "    return {}\n"
    )) == ("near-real-time", "near-real-time")


def test_ensure_future_loop_tasks_submit_and_run_in_executor_are_hand_offs_too(tmp_path):
    assert classes(tmp_path, (
        "@app.post('/add')\nasync def add(text: str):\n"
        "    loop = asyncio.get_running_loop()\n"
        "    loop.create_task(work(text))\n"
        "    loop.run_in_executor(None, sync_work, text)\n"
        "    return {}\n"
    )) == ("near-real-time", "near-real-time")
    assert classes(tmp_path, (
        "@app.post('/add')\nasync def add(text: str):\n"
        "    task = asyncio.ensure_future(work(text))\n    task.add_done_callback(print)\n"
        "    POOL.submit(sync_work, text)\n    return {}\n"
    )) == ("near-real-time", "near-real-time")


def test_work_the_handler_waits_for_keeps_the_handlers_class(tmp_path):
    assert classes(tmp_path, (
        "@app.post('/add')\nasync def add(text: str):\n"
        "    t = asyncio.create_task(work(text))\n    f = POOL.submit(sync_work, text)\n"
        "    await t\n    return f.result()\n"
    )) == ("real-time", "real-time")
    assert classes(tmp_path, (
        "@app.post('/add')\nasync def add(text: str):\n"
        "    await asyncio.create_task(work(text))\n"
        "    th = threading.Thread(target=sync_work, args=(text,))\n    th.start()\n    th.join()\n"
    )) == ("real-time", "real-time")


def test_gathered_tasks_task_groups_and_with_executors_are_waited_for(tmp_path):
    assert classes(tmp_path, (
        "@app.post('/add')\nasync def add(texts: list):\n"
        "    tasks = [asyncio.create_task(work(t)) for t in texts]\n    await asyncio.gather(*tasks)\n"
        "    with ThreadPoolExecutor() as ex:\n        ex.submit(sync_work, texts[0])\n"
    )) == ("real-time", "real-time")
    assert classes(tmp_path, (
        "@app.post('/add')\nasync def add(text: str):\n"
        "    async with asyncio.TaskGroup() as tg:\n        tg.create_task(work(text))\n"
        "    return {}\n"
    ))[0] == "real-time"


def test_a_scheduled_job_that_starts_work_stays_scheduled_and_the_arguments_bind(tmp_path):
    result = project(tmp_path, {
        "svc.py": "import threading\nfrom openai import OpenAI\n\n\n"
                  "def summarise(llm, text):\n    return llm.chat.completions.create(model='m', messages=[])\n\n\n"
                  "def nightly():  # llm-latency: scheduled\n"
                  "    threading.Thread(target=summarise, args=(OpenAI(), 'x')).start()\n",
    })
    assert sites(result) == {("svc.py", 6): ("chat.completions.create", "scheduled")}


def test_a_script_run_by_hand_that_starts_threads_still_has_a_person_waiting(tmp_path):
    result = project(tmp_path, {
        "tool.py": "import threading\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n"
                   "def ask(q):\n    print(client.chat.completions.create(model='m', messages=[]))\n\n\n"
                   "if __name__ == '__main__':\n    threading.Thread(target=ask, args=('q',)).start()\n",
    })
    assert sites(result) == {("tool.py", 8): ("chat.completions.create", "real-time")}


def test_the_evidence_names_the_hand_off(tmp_path):
    result = project(tmp_path, {"app.py": HEAD + (
        "@app.post('/add')\nasync def add(text: str):\n    asyncio.create_task(work(text))\n    return {}\n"
    )})
    site = next(s for s in result.sites if s.resolved.site.line == ASYNC_SITE)
    notes = [e.note for e in site.evidence]
    assert notes[-1] == "add starts work with asyncio.create_task() and does not wait", notes


def test_a_task_awaited_anywhere_in_the_function_and_work_streamed_back_through_a_queue_are_waited_for(tmp_path):
    assert classes(tmp_path, (
        "@app.websocket('/ws')\nasync def ws(websocket):\n    current = None\n    while True:\n"
        "        if current and not current.done():\n            current.cancel()\n            await current\n"
        "        current = asyncio.create_task(work(await websocket.receive_text()))\n"
    ))[0] == "real-time"
    assert classes(tmp_path, (
        "from queue import Queue\nfrom flask import Response\n\n\n"
        "@app.post('/predict')\ndef predict(text: str):\n    q = Queue()\n\n"
        "    def produce():\n        q.put(sync_work(text))\n\n"
        "    threading.Thread(target=produce).start()\n    return Response(iter(q.get, None))\n"
    ))[1] == "real-time"


def test_timers_and_a_responses_background_task_are_hand_offs(tmp_path):
    assert classes(tmp_path, (
        "from starlette.background import BackgroundTask\nfrom starlette.responses import JSONResponse\n\n\n"
        "@app.post('/add')\nasync def add(text: str):\n"
        "    threading.Timer(5.0, sync_work, args=(text,)).start()\n"
        "    return JSONResponse({}, background=BackgroundTask(work, text))\n"
    )) == ("near-real-time", "near-real-time")


# ---- review findings: a wait counts only on what holds the hand-off --------------------------
def test_an_unrelated_join_does_not_wait_for_a_fire_and_forget_thread(tmp_path):
    assert classes(tmp_path, (
        "@app.post('/add')\ndef add(text: str, other: threading.Thread):\n"
        "    threading.Thread(target=sync_work, args=(text,), daemon=True).start()\n"
        "    other.join()\n    return {}\n"
    ))[1] == "near-real-time"


def test_a_queue_the_started_work_is_not_given_does_not_wait_for_it(tmp_path):
    assert classes(tmp_path, (
        "import queue\n\n\n@app.post('/add')\nasync def add(text: str):\n"
        "    events = queue.Queue()\n    asyncio.create_task(work(text))\n    return {'size': events.qsize()}\n"
    ))[0] == "near-real-time"


def test_an_executor_outside_with_that_is_not_shut_down_waiting_does_not_wait(tmp_path):
    assert classes(tmp_path, (
        "@app.post('/add')\ndef add(text: str):\n"
        "    ex = ThreadPoolExecutor()\n    ex.submit(sync_work, text)\n    ex.shutdown(wait=False)\n    return {}\n"
    ))[1] == "near-real-time"
    assert classes(tmp_path, (
        "@app.post('/add')\ndef add(text: str):\n"
        "    ex = ThreadPoolExecutor()\n    ex.submit(sync_work, text)\n    ex.shutdown()\n    return {}\n"
    ))[1] == "real-time"


def test_joins_and_results_on_collections_of_started_work_wait_for_it(tmp_path):
    assert classes(tmp_path, (
        "@app.post('/add')\ndef add(texts: list):\n    threads = []\n    for t in texts:\n"
        "        th = threading.Thread(target=sync_work, args=(t,))\n        th.start()\n        threads.append(th)\n"
        "    for each in threads:\n        each.join()\n"
    ))[1] == "real-time"
    assert classes(tmp_path, (
        "@app.post('/add')\ndef add(texts: list):\n"
        "    futures = {POOL.submit(sync_work, t): t for t in texts}\n"
        "    return [f.result() for f in futures]\n"
    ))[1] == "real-time"
    assert classes(tmp_path, (
        "from concurrent.futures import as_completed\n\n\n@app.post('/add')\ndef add(texts: list):\n"
        "    futures = []\n    for t in texts:\n        futures.append(POOL.submit(sync_work, t))\n"
        "    return [f.result() for f in as_completed(futures)]\n"
    ))[1] == "real-time"


def test_a_queue_or_stream_the_started_work_is_given_streams_it_back(tmp_path):
    assert classes(tmp_path, (
        "@app.post('/add')\nasync def add(text: str):\n    events = asyncio.Queue()\n"
        "    asyncio.create_task(work(events))\n    return {'first': await events.get()}\n"
    ))[0] == "real-time"
    assert classes(tmp_path, (
        "from fastapi.responses import StreamingResponse\nfrom langchain.callbacks import AsyncIteratorCallbackHandler\n\n\n"
        "@app.post('/add')\nasync def add(text: str):\n    handler = AsyncIteratorCallbackHandler()\n"
        "    asyncio.create_task(work([handler]))\n"
        "    async def tokens():\n        async for token in handler.aiter():\n            yield token\n"
        "    return StreamingResponse(tokens())\n"
    ))[0] == "real-time"
    assert classes(tmp_path, (
        "from fastapi.responses import StreamingResponse\n\n\n"
        "@app.post('/add')\nasync def add(text: str):\n    asyncio.create_task(work(text))\n"
        "    return StreamingResponse(iter([text]))\n"
    ))[0] == "near-real-time"


# ---- review findings: the started work is where each hand-off's signature puts it -------------
def test_a_timer_given_its_function_by_keyword_is_a_hand_off(tmp_path):
    assert classes(tmp_path, (
        "@app.post('/add')\ndef add(text: str):\n"
        "    threading.Timer(5, function=sync_work, args=(text,)).start()\n    return {}\n"
    ))[1] == "near-real-time"


def test_keyword_arguments_of_executors_and_background_tasks_are_hand_offs(tmp_path):
    assert classes(tmp_path, (
        "from starlette.background import BackgroundTask\nfrom starlette.responses import JSONResponse\n\n\n"
        "@app.post('/add')\nasync def add(text: str):\n"
        "    asyncio.get_running_loop().run_in_executor(None, func=sync_work)\n"
        "    return JSONResponse({}, background=BackgroundTask(func=work))\n"
    )) == ("near-real-time", "near-real-time")


def test_submit_on_something_that_is_not_an_executor_starts_no_work(tmp_path):
    # Prefect's ``task.submit(x)`` runs the task on ``x``: ``x`` is data, not started work.
    assert classes(tmp_path, (
        "from prefect import task\n\n\n@task\ndef store(value):\n    return value\n\n\n"
        "@app.post('/add')\ndef add(text: str):\n    store.submit(sync_work)\n    return {}\n"
    ))[1] == "real-time"


def test_submit_on_an_unknown_receiver_is_a_hand_off_only_when_it_is_given_a_function():
    facts = extract(
        "def run(runner, texts, handle):\n    runner.submit(texts)\n    runner.submit(handle)\n    runner.submit(helper)\n\n\n"
        "def helper(x):\n    return x\n",
        "m.py", "m")
    kinds = {str(r.expr[1]) if r.expr[0] == "name" else r.expr[2]: r.kind
             for r in facts.functions["m.run"].calls if r.arg == "0"}
    assert kinds == {"texts": "ref", "handle": "ref", "m.helper": "queue"}, kinds
