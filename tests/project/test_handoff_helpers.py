"""Work handed to the project's own hand-off helper, and a chat platform's webhook (issue 15, round 9):
``run_async_in_thread(reply(msg))`` starts ``reply`` in a thread and returns (label policy 4), and a
messenger's webhook keeps the person waiting for the reply it hands off (policy 5), while what that
reply hands off in turn is near-real-time."""
from __future__ import annotations

from test_graph import project, sites

HEAD = (
    "import asyncio\nimport threading\nfrom concurrent.futures import ThreadPoolExecutor\n"
    "from typing import Any, Awaitable\nfrom flask import Flask\nfrom openai import AsyncOpenAI, OpenAI\n\n"
    "app = Flask(__name__)\naclient = AsyncOpenAI()\nclient = OpenAI()\npool = ThreadPoolExecutor()\n\n\n"
    "async def reply(text):\n    return await aclient.chat.completions.create(model='m', messages=[text])\n\n\n"
    "def learn(text):\n    return client.embeddings.create(model='e', input=[text])\n\n\n"
)
REPLY, LEARN = ("app.py", 15), ("app.py", 19)
THREAD_HELPER = (
    "def run_async_in_thread(coro: Awaitable[Any]) -> None:\n"
    "    def run_in_thread() -> None:\n        loop = asyncio.new_event_loop()\n"
    "        async def wrapper():\n            task = asyncio.create_task(coro)\n            return await task\n"
    "        loop.run_until_complete(wrapper())\n"
    "    threading.Thread(target=run_in_thread, daemon=True).start()\n\n\n"
)
POOL_HELPER = "def in_background(fn, *args):\n    pool.submit(fn, *args)\n\n\n"


def classes(tmp_path, body: str):
    return {key: found[1] for key, found in sites(project(tmp_path, {"app.py": HEAD + body})).items()}


def test_a_coroutine_handed_to_the_projects_thread_helper_is_started_not_called(tmp_path):
    found = classes(tmp_path, THREAD_HELPER + "@app.post('/jobs')\ndef jobs():\n"
                                              "    run_async_in_thread(reply('x'))\n    return 'ok'\n")
    assert found[REPLY] == "near-real-time"


def test_a_callable_handed_to_the_projects_pool_helper_is_started_not_called(tmp_path):
    found = classes(tmp_path, POOL_HELPER + "@app.post('/jobs')\ndef jobs():\n"
                                            "    in_background(learn, 'x')\n    return 'ok'\n")
    assert found[LEARN] == "near-real-time"


def test_a_helper_that_waits_keeps_the_callers_class(tmp_path):
    helper = "def run_now(fn, *args):\n    return pool.submit(fn, *args).result()\n\n\n"
    found = classes(tmp_path, helper + "@app.post('/jobs')\ndef jobs():\n    return run_now(learn, 'x')\n")
    assert found[LEARN] == "real-time"


def test_a_chat_platforms_webhook_answers_from_the_work_it_hands_off(tmp_path):
    body = THREAD_HELPER + (
        "async def answer(text):\n    await reply(text)\n    threading.Thread(target=learn, args=(text,)).start()\n\n\n"
        "@app.route('/avito/webhook', methods=['POST'])\ndef avito_webhook():\n"
        "    run_async_in_thread(answer('x'))\n    return 'ok'\n"
    )
    assert classes(tmp_path, body) == {REPLY: "real-time", LEARN: "near-real-time"}


def test_a_machines_webhook_handing_off_is_near_real_time(tmp_path):
    body = THREAD_HELPER + ("@app.route('/stripe/webhook', methods=['POST'])\ndef stripe_webhook():\n"
                            "    run_async_in_thread(reply('x'))\n    return 'ok'\n")
    assert classes(tmp_path, body)[REPLY] == "near-real-time"


def test_chat_platforms_by_name_and_by_segment():
    from llm_latency_lint.catalog.triggers.http_common import is_chat_webhook

    assert is_chat_webhook(None, "avito_webhook") and is_chat_webhook("/line/webhook")
    assert is_chat_webhook("/webhooks/whatsapp") and is_chat_webhook(None, "vk_webhook")
    assert not is_chat_webhook("/online/webhook") and not is_chat_webhook("/pipeline/webhook")
    assert not is_chat_webhook("/webhook/stripe") and not is_chat_webhook(None, "robot_webhook")
