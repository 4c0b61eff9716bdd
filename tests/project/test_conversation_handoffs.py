"""A chat bot handler's hand-off that passes the conversation on (round 19's irtkachenko and
structured-flow-lab, label policy 5): the handed-off work answers the person, who still waits;
a hand-off of content alone (a link to store, a ``message: str``) is near-real-time (policy 4)."""
from __future__ import annotations

import pytest
from test_graph import project, sites

BOT = (
    "import asyncio\nimport threading\nfrom aiogram import Router, types\nfrom openai import AsyncOpenAI, OpenAI\n"
    "from tasks import summarize_task\n\nrouter = Router()\naclient = AsyncOpenAI()\nclient = OpenAI()\n\n\n"
    "async def answer(message, text):\n    out = await aclient.chat.completions.create(model='m', messages=[text])\n"
    "    await message.answer(out)\n\n\n"
)
ANSWER = ("bot.py", 13)
TASKS = (
    "from celery import Celery\nfrom openai import OpenAI\n\napp = Celery('t')\nclient = OpenAI()\n\n\n"
    "@app.task\ndef summarize_task(user_id, period):\n"
    "    return client.chat.completions.create(model='m', messages=[period])\n"
)
TASK = ("tasks.py", 10)


def classes(tmp_path, body: str):
    found = sites(project(tmp_path, {"bot.py": BOT + body, "tasks.py": TASKS}))
    return {key: cls for key, (_, cls) in found.items()}


@pytest.mark.parametrize("body, site, expected", [
    pytest.param("@router.message()\nasync def on_message(message: types.Message):\n"
                 "    asyncio.create_task(answer(message, message.text))\n", ANSWER, "real-time",
                 id="a task started with the message answers the person"),
    pytest.param("@router.callback_query()\nasync def on_pick(callback: types.CallbackQuery):\n"
                 "    user_id = callback.from_user.id\n    summarize_task.delay(user_id, 'day')\n", TASK, "real-time",
                 id="a queued task given the user's id through a local answers the person"),
    pytest.param("@router.message()\nasync def on_message(message: types.Message):\n"
                 "    threading.Thread(target=summarize_task, args=(message.chat.id, 'day')).start()\n", TASK,
                 "real-time", id="a thread given the chat id answers the person"),
    pytest.param("@router.message()\nasync def on_message(message: types.Message):\n"
                 "    summarize_task.delay(message.text, 'day')\n", TASK, "near-real-time",
                 id="a hand-off of the message's text alone is near-real-time"),
])
def test_who_waits_on_a_hand_off_from_a_handler(tmp_path, body, site, expected):
    assert classes(tmp_path, body)[site] == expected


SLACK = (
    "import asyncio\nfrom slack_bolt import App\nfrom openai import OpenAI\n\napp = App()\nclient = OpenAI()\n\n\n"
    "async def digest(channel, user):\n    out = client.chat.completions.create(model='m', messages=[])\n"
    "    app.client.chat_postMessage(channel=channel, text=out)\n\n\n"
    "@app.event('app_mention')\ndef mention(event, say):\n    channel = event.get({key})\n"
    "    asyncio.create_task(digest(channel, event.get('text')))\n"
)


@pytest.mark.parametrize("key, expected", [("'channel'", "real-time"), ("'text'", "near-real-time")])
def test_an_address_read_with_get_passes_the_conversation(tmp_path, key, expected):
    """Round 19's DheerajNalapat/Briefly: ``channel = event.get("channel")`` is ``event["channel"]``."""
    found = sites(project(tmp_path, {"bot.py": SLACK.replace("{key}", key)}))
    assert found[("bot.py", 10)][1] == expected


def test_a_parameter_declared_as_text_is_no_conversation(tmp_path):
    body = ("async def chat(message: str) -> None:\n    summarize_task.delay(message, 'day')\n\n\n"
            "@router.message()\nasync def on_message(message: types.Message):\n    await chat(message.text)\n")
    assert classes(tmp_path, body)[TASK] == "near-real-time"


def test_what_the_answering_work_hands_off_in_turn_is_near_real_time(tmp_path):
    body = ("async def reply(message):\n    summarize_task.delay(message.chat.id, 'day')\n\n\n"
            "@router.message()\nasync def on_message(message: types.Message):\n"
            "    asyncio.create_task(reply(message))\n")
    assert classes(tmp_path, body)[TASK] == "near-real-time"


def test_a_web_routes_hand_off_of_a_user_id_stays_near_real_time(tmp_path):
    routes = ("from fastapi import FastAPI\nfrom tasks import summarize_task\n\napp = FastAPI()\n\n\n"
              "@app.post('/summaries')\ndef summaries(user_id: int):\n    summarize_task.delay(user_id, 'day')\n")
    found = sites(project(tmp_path, {"api.py": routes, "tasks.py": TASKS}))
    assert found[TASK][1] == "near-real-time"


def test_conversation_places():
    import libcst as cst

    from llm_latency_lint.facts.conversations import _addresses, _path

    assert _path(cst.parse_expression("callback.from_user.id")) == ("callback", ["from_user", "id"])
    assert _path(cst.parse_expression("str(body['event']['channel'])")) == ("body", ["event", "channel"])
    assert _addresses("callback", ["from_user", "id"], False) and _addresses("update", [], False)
    assert not _addresses("message", ["text"], False) and not _addresses("job", ["id"], False)
    assert not _addresses("message", [], True)
