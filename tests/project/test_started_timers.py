"""A self-timed loop is a schedule whoever starts it; a loop that polls until a job is done is not.

Issue 15, round 12: a bot's ``/start`` handler starting a loop once with ``asyncio.create_task``
runs the loop's work on the loop's cadence, not for the person who sent ``/start``.
"""
from __future__ import annotations

from test_graph import project, sites

SDK = "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(text):\n    return client.chat.completions.create(model='m', messages=[])\n"
SITE = ("llm.py", 7)


def klass(tmp_path, files):
    found = sites(project(tmp_path, {"llm.py": SDK, **files}))
    return found.get(SITE, (None, None))[1]


ROUTE = "from fastapi import FastAPI\nimport asyncio, threading, time\nfrom llm import ask\n\napp = FastAPI()\n\n\n"


def test_a_loop_a_route_starts_as_a_task_is_a_schedule(tmp_path):
    assert klass(tmp_path, {"app.py": ROUTE + (
        "async def tick():\n    while True:\n        ask('x')\n        await asyncio.sleep(300)\n\n\n"
        "@app.post('/start')\nasync def start():\n    asyncio.create_task(tick())\n    return {'ok': True}\n"
    )}) == "scheduled"


def test_a_loop_a_route_starts_in_a_thread_is_a_schedule(tmp_path):
    assert klass(tmp_path, {"app.py": ROUTE + (
        "def tick():\n    while True:\n        ask('x')\n        time.sleep(6 * 3600)\n\n\n"
        "@app.post('/start')\ndef start():\n    threading.Thread(target=tick, daemon=True).start()\n    return {'ok': True}\n"
    )}) == "scheduled"


def test_a_loop_counting_short_sleeps_to_a_period_is_a_schedule(tmp_path):
    # ``sleep(1)`` three hundred times, then the work: every five minutes.
    assert klass(tmp_path, {"bot.py": ROUTE + (
        "ticks = 0\n\n\nasync def tick():\n    global ticks\n    while True:\n        await asyncio.sleep(1)\n"
        "        ticks += 1\n        if ticks >= 300:\n            ask('x')\n            ticks = 0\n\n\n"
        "@app.post('/start')\nasync def start():\n    asyncio.create_task(tick())\n"
    )}) == "scheduled"


def test_a_loop_counting_a_few_short_sleeps_is_no_schedule(tmp_path):
    assert klass(tmp_path, {"bot.py": ROUTE + (
        "async def tick():\n    n = 0\n    while True:\n        await asyncio.sleep(1)\n"
        "        n += 1\n        if n >= 5:\n            ask('x')\n            n = 0\n\n\n"
        "@app.post('/start')\nasync def start():\n    asyncio.create_task(tick())\n"
    )}) == "near-real-time"


def test_a_status_poll_a_route_starts_stays_the_routes(tmp_path):
    # The loop ends when the job is done: it is part of the request's work, not a cadence.
    assert klass(tmp_path, {"app.py": ROUTE + (
        "def wait_for(job):\n    while True:\n        status = ask(job)\n        if status == 'done':\n"
        "            break\n        time.sleep(60)\n    return status\n\n\n"
        "@app.post('/run')\ndef run():\n    return wait_for('j')\n"
    )}) == "real-time"


def test_a_loop_until_done_a_route_hands_off_is_near_real_time(tmp_path):
    assert klass(tmp_path, {"app.py": ROUTE + (
        "def wait_for(job):\n    done = False\n    while not done:\n        done = ask(job)\n        time.sleep(120)\n\n\n"
        "@app.post('/run')\ndef run():\n    threading.Thread(target=wait_for, args=('j',)).start()\n"
    )}) == "near-real-time"


def test_a_retry_loop_with_backoff_is_no_schedule(tmp_path):
    assert klass(tmp_path, {"app.py": ROUTE + (
        "def call():\n    attempt = 0\n    while attempt < 5:\n        try:\n            return ask('x')\n"
        "        except Exception:\n            attempt += 1\n            time.sleep(60 * attempt)\n\n\n"
        "@app.post('/run')\ndef run():\n    return call()\n"
    )}) == "real-time"


def test_a_stop_signal_break_keeps_the_loop_a_schedule(tmp_path):
    assert klass(tmp_path, {"app.py": ROUTE + (
        "stop = threading.Event()\n\n\ndef tick():\n    while True:\n        if stop.is_set():\n            break\n"
        "        ask('x')\n        time.sleep(3600)\n\n\n"
        "@app.post('/start')\ndef start():\n    threading.Thread(target=tick).start()\n"
    )}) == "scheduled"


def test_a_route_calling_the_loop_body_itself_stays_mixed(tmp_path):
    # The work the loop runs is also a route's: the person waits on that path.
    assert klass(tmp_path, {"app.py": ROUTE + (
        "async def tick():\n    while True:\n        ask('x')\n        await asyncio.sleep(300)\n\n\n"
        "@app.post('/start')\nasync def start():\n    asyncio.create_task(tick())\n\n\n"
        "@app.post('/now')\nasync def now():\n    return ask('y')\n"
    )}) == "mixed"
