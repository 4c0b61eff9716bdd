"""Modal functions (survey 12b): a Modal function's own methods run it (``f.remote(x)``,
``f.map(xs)``, ``f.spawn(x)`` queues it), ``@modal.fastapi_endpoint`` / ``@web_endpoint`` serve it
over HTTP, and ``@app.local_entrypoint()`` is what ``modal run`` starts by hand."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

HEAD = ("import modal\nfrom openai import OpenAI\n\napp = modal.App('digest')\n\n\n"
        "@app.function()\n"
        "def summarize(text):\n"
        "    return OpenAI().chat.completions.create(model='gpt-4o', messages=[])\n\n\n")
SITE = ("app.py", 9)


def test_remote_and_map_from_a_schedule_are_scheduled(tmp_path):
    for call in ("summarize.remote('x')", "list(summarize.map(['a', 'b']))", "summarize.remote.aio('x')",
                 "summarize.starmap([('a',)])", "summarize.for_each(['a'])", "summarize.spawn('x')"):
        src = HEAD + f"@app.function(schedule=modal.Cron('0 7 * * *'))\ndef daily():\n    {call}\n"
        result = project(tmp_path / str(abs(hash(call))), {"app.py": src})
        assert classes_of(result) == {SITE: "scheduled"}, call


def test_a_web_endpoint_is_real_time(tmp_path):
    for deco in ("@modal.fastapi_endpoint(method='POST')", "@modal.web_endpoint()", "@web_endpoint(method='POST')"):
        src = ("from modal import web_endpoint\n" + HEAD
               + f"@app.function()\n{deco}\ndef ask(item: dict):\n    return summarize.remote(item['q'])\n")
        result = project(tmp_path / str(abs(hash(deco))), {"app.py": src})
        assert classes_of(result) == {("app.py", 10): "real-time"}, deco


def test_a_spawn_from_an_endpoint_hands_the_work_off(tmp_path):
    src = HEAD + "@app.function()\n@modal.fastapi_endpoint()\ndef start(q: str):\n    return summarize.spawn(q).object_id\n"
    result = project(tmp_path, {"app.py": src})
    assert classes_of(result) == {SITE: "near-real-time"}


def test_a_local_entrypoint_beside_the_schedule_is_mixed(tmp_path):
    src = (HEAD + "@app.function(schedule=modal.Period(hours=1))\ndef hourly():\n    summarize.remote('x')\n\n\n"
           "@app.local_entrypoint()\ndef main(text: str = 'x'):\n    print(summarize.remote(text))\n")
    result = project(tmp_path, {"app.py": src})
    assert classes_of(result) == {SITE: "mixed"}
    notes = " | ".join(e.note for e in result.sites[0].evidence)
    assert "modal run" in notes and "hourly" in notes


def test_a_scheduled_class_runs_its_methods(tmp_path):
    src = ("import modal\nfrom openai import OpenAI\n\napp = modal.App('digest')\n\n\n"
           "@app.cls(schedule=modal.Cron('0 3 * * *'))\nclass Nightly:\n"
           "    @modal.method()\n    def run(self):\n"
           "        return OpenAI().chat.completions.create(model='gpt-4o', messages=[])\n")
    result = project(tmp_path, {"app.py": src})
    assert classes_of(result) == {("app.py", 11): "scheduled"}


def test_other_libraries_map_and_spawn_are_not_modal(tmp_path):
    src = ("import gevent\nfrom openai import OpenAI\n\n\n"
           "def work(text):\n    return OpenAI().chat.completions.create(model='gpt-4o', messages=[])\n\n\n"
           "def helper(x):\n    return x\n\n\n"
           "def main():\n    gevent.spawn(helper, 'x')\n    list(map(helper, ['a']))\n")
    result = project(tmp_path, {"app.py": src})
    assert classes_of(result) == {("app.py", 6): "unknown"}


def test_a_chat_platforms_webhook_endpoint_answers_through_its_spawn(tmp_path):
    # round 18's babakd/oura-bot: Telegram's webhook spawns the worker that replies in the chat (policy 5)
    src = (HEAD + "@app.function()\n@modal.fastapi_endpoint(method='POST')\nasync def telegram_webhook(request):\n"
           "    summarize.spawn((await request.json())['message']['text'])\n    return {'ok': True}\n")
    result = project(tmp_path, {"app.py": src})
    assert classes_of(result) == {SITE: "real-time"}


def test_a_machines_webhook_endpoint_is_near_real_time(tmp_path):
    src = (HEAD + "@app.function()\n@modal.fastapi_endpoint(method='POST')\ndef github_webhook(payload: dict):\n"
           "    return summarize.remote(payload['body'])\n")
    result = project(tmp_path, {"app.py": src})
    assert classes_of(result) == {SITE: "near-real-time"}
