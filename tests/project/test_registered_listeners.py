"""Listeners registered inside functions, Django Channels messages, implementations handed in
through typed parameters (issue 15, round 5): the receiver of a listener decorator is followed
back to what built it (``project/receivers.py``), and a callable handed to a schedule is run by
the schedule, not by the code that registers it (``project/hops.py``).

Each test builds a small project whose only trigger is the shape under test; the LLM call's
class is what the shape gives it (or ``unknown`` where the look-alike must not count).
"""
from __future__ import annotations

from test_graph import project, sites

LLM = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
       "def ask(text):\n    return client.chat.completions.create(model='m', messages=[])\n")
ASK = ("llm.py", 7)


def test_a_bolt_listener_registered_on_an_app_parameter_answers_the_user(tmp_path):
    result = project(tmp_path, {
        "llm.py": LLM,
        "handlers.py": "from llm import ask\n\n\n"
                       "def register(app):\n"
                       "    @app.event('message')\n"
                       "    def on_message(event, say):\n"
                       "        _answer(event, say)\n\n"
                       "    def _answer(event, say):  # defined after the listener that calls it\n"
                       "        say(ask(event['text']))\n",
        "main.py": "from slack_bolt import App\nfrom slack_bolt.adapter.socket_mode import SocketModeHandler\n"
                   "from handlers import register\n\napp = App(token='x')\nregister(app)\n"
                   "SocketModeHandler(app, 'tok').start()\n",
    })
    assert sites(result)[ASK] == ("chat.completions.create", "real-time")
    notes = [e.note for s in result.sites for e in s.evidence]
    assert any("Slack Bolt @app.event('message')" in n for n in notes), notes


def test_the_same_decorator_on_an_object_no_framework_built_is_no_listener(tmp_path):
    result = project(tmp_path, {
        "llm.py": LLM,
        "handlers.py": "from llm import ask\n\n\n"
                       "def register(app):\n"
                       "    @app.event('message')\n"
                       "    def on_message(event):\n"
                       "        ask(event)\n",
        "main.py": "import typer\nfrom handlers import register\n\ncli = typer.Typer()\nregister(cli)\n",
    })
    assert sites(result)[ASK] == ("chat.completions.create", "unknown")


def test_a_listener_on_an_app_held_by_an_object(tmp_path):
    result = project(tmp_path, {
        "llm.py": LLM,
        "listeners.py": "from llm import ask\n\n\n"
                        "class Listeners:\n"
                        "    def __init__(self, app):\n        self.app = app\n\n"
                        "    def install(self):\n"
                        "        @self.app.command('/ask')\n"
                        "        def on_ask(ack, command):\n"
                        "            ack()\n            ask(command['text'])\n",
        "main.py": "from slack_bolt import App\nfrom listeners import Listeners\n\n"
                   "Listeners(App(token='x')).install()\n",
    })
    assert sites(result)[ASK] == ("chat.completions.create", "real-time")


def test_the_called_form_and_lazy_listeners_on_an_app_parameter(tmp_path):
    result = project(tmp_path, {
        "llm.py": LLM + "\n\ndef other(text):\n    return client.chat.completions.create(model='m', messages=[])\n",
        "handlers.py": "from llm import ask, other\n\n\n"
                       "def handle(event, say):\n    say(ask(event))\n\n\n"
                       "def ack_fn(ack):\n    ack()\n\n\n"
                       "def work(respond, body):\n    respond(other(body))\n\n\n"
                       "def register(app):\n"
                       "    app.event('app_mention')(handle)\n"
                       "    app.command('/long')(ack=ack_fn, lazy=[work])\n",
        "main.py": "from slack_bolt.async_app import AsyncApp\nfrom handlers import register\n\n"
                   "register(AsyncApp(token='x'))\n",
    })
    found = sites(result)
    assert found[ASK] == ("chat.completions.create", "real-time")
    assert found[("llm.py", 11)] == ("chat.completions.create", "real-time")


def test_a_route_on_a_router_passed_in_and_a_cache_object_that_is_not_one(tmp_path):
    result = project(tmp_path, {
        "llm.py": LLM + "\n\ndef other(text):\n    return client.chat.completions.create(model='m', messages=[])\n",
        "routes.py": "from llm import ask\n\n\n"
                     "def add_routes(router):\n"
                     "    @router.post('/chat')\n"
                     "    def chat(body: dict):\n        return ask(body['q'])\n",
        "cached.py": "from llm import other\nfrom store import cache\n\n\n"
                     "@cache.get('/summary')\ndef summary():\n    return other('x')\n",
        "store.py": "class Cache:\n    def get(self, key):\n        return lambda fn: fn\n\n\ncache = Cache()\n",
        "main.py": "from fastapi import APIRouter, FastAPI\nfrom routes import add_routes\n\n"
                   "app = FastAPI()\nrouter = APIRouter()\nadd_routes(router)\napp.include_router(router)\n",
    })
    found = sites(result)
    assert found[ASK] == ("chat.completions.create", "real-time")
    assert found[("llm.py", 11)] == ("chat.completions.create", "unknown")


def test_a_dict_annotated_parameter_keeps_the_handlers_its_caller_builds(tmp_path):
    result = project(tmp_path, {
        "llm.py": LLM,
        "chat.py": "from llm import ask\n\n\nclass ChatHandler:\n    def handle(self, text):\n        return ask(text)\n",
        "route.py": "from chat import ChatHandler\n\n\n"
                    "def route(text, handlers: dict):\n"
                    "    handler = handlers.get('chat')\n    return handler.handle(text)\n\n\n"
                    "def main():  # llm-latency: real-time\n"
                    "    handlers = {'chat': ChatHandler()}\n    route('hi', handlers)\n",
    })
    assert sites(result)[ASK] == ("chat.completions.create", "real-time")
    notes = [e.note for s in result.sites for e in s.evidence]
    assert not [n for n in notes if "resolved by name" in n], notes


def test_a_protocol_typed_registry_runs_the_implementations_registered(tmp_path):
    result = project(tmp_path, {
        "llm.py": LLM,
        "feed.py": "from typing import Protocol\n\n\n"
                   "class FeedSource(Protocol):\n    def fetch_items(self) -> list: ...\n\n\n"
                   "class FeedService:\n"
                   "    def __init__(self):\n        self._sources: dict = {}\n\n"
                   "    def register_source(self, source: FeedSource) -> None:\n"
                   "        self._sources[source.name] = source\n\n"
                   "    def refresh_all(self):\n"
                   "        for name, source in self._sources.items():\n            source.fetch_items()\n",
        "news.py": "from llm import ask\n\n\nclass NewsletterSource:\n    name = 'news'\n\n"
                   "    def fetch_items(self) -> list:\n        return [ask('x')]\n",
        "web.py": "from flask import Flask\nfrom feed import FeedService\nfrom news import NewsletterSource\n\n"
                  "app = Flask(__name__)\n\n\n"
                  "def build() -> FeedService:\n"
                  "    service = FeedService()\n    service.register_source(NewsletterSource())\n    return service\n\n\n"
                  "@app.route('/refresh', methods=['POST'])\ndef refresh():\n    return build().refresh_all()\n",
    })
    assert sites(result)[ASK] == ("chat.completions.create", "real-time")


CONSUMER = ("from channels.generic.websocket import AsyncJsonWebsocketConsumer\nfrom llm import ask\n\n\n"
            "class ChatConsumer(AsyncJsonWebsocketConsumer):\n"
            "    async def receive_json(self, content):\n"
            "        await self.channel_layer.group_send('room', {'type': 'chat.message', 'text': content['text']})\n\n"
            "    async def chat_message(self, event):\n"
            "        await self.send_json({'text': ask(event['text'])})\n")


def test_a_channels_group_message_runs_the_handler_its_type_names(tmp_path):
    result = project(tmp_path, {"llm.py": LLM, "consumers.py": CONSUMER})
    assert sites(result)[ASK] == ("chat.completions.create", "real-time")
    notes = [e.note for s in result.sites for e in s.evidence]
    assert "ChatConsumer.receive_json calls ChatConsumer.chat_message" in notes, notes


def test_a_channels_worker_consumer_runs_when_a_message_arrives(tmp_path):
    result = project(tmp_path, {
        "llm.py": LLM,
        "workers.py": "from channels.consumer import SyncConsumer\nfrom llm import ask\n\n\n"
                      "class Summaries(SyncConsumer):\n"
                      "    def summarize_doc(self, message):\n        ask(message['text'])\n",
        "views.py": "from asgiref.sync import async_to_sync\nfrom channels.layers import get_channel_layer\n"
                    "from django.http import JsonResponse\n\n\n"
                    "def upload(request):\n"
                    "    layer = get_channel_layer()\n"
                    "    async_to_sync(layer.send)('summaries', {'type': 'summarize.doc', 'text': 'x'})\n"
                    "    return JsonResponse({})\n",
        "urls.py": "from django.urls import path\nfrom views import upload\n\nurlpatterns = [path('up/', upload)]\n",
    })
    assert sites(result)[ASK] == ("chat.completions.create", "near-real-time")


def test_a_route_that_registers_a_daily_job_does_not_run_it(tmp_path):
    result = project(tmp_path, {
        "llm.py": LLM,
        "jobs.py": "import schedule\nfrom llm import ask\n\n\n"
                   "def digest(channel):\n    ask(channel)\n\n\n"
                   "def add_daily(channel):\n    schedule.every().day.at('09:30').do(digest, channel)\n",
        "web.py": "from fastapi import FastAPI\nfrom jobs import add_daily\n\napp = FastAPI()\n\n\n"
                  "@app.post('/subscribe')\ndef subscribe(channel: str):\n    add_daily(channel)\n",
    })
    assert sites(result)[ASK] == ("chat.completions.create", "scheduled")


def test_a_manage_py_folder_that_is_a_package_is_an_import_root(tmp_path):
    result = project(tmp_path, {
        "server/__init__.py": "",
        "server/manage.py": "import os\nimport sys\n\nif __name__ == '__main__':\n"
                            "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'core.settings')\n"
                            "    from django.core.management import execute_from_command_line\n"
                            "    execute_from_command_line(sys.argv)\n",
        "server/core/__init__.py": "",
        "server/core/settings.py": "ASGI_APPLICATION = 'core.asgi.application'\n",
        "server/core/asgi.py": "from channels.routing import ProtocolTypeRouter, URLRouter\n"
                               "from django.urls import path\nfrom chats.consumers import ChatConsumer\n\n"
                               "application = ProtocolTypeRouter({'websocket': URLRouter([path('ws/chat', "
                               "ChatConsumer.as_asgi())])})\n",
        "server/services/__init__.py": "",
        "server/services/llm.py": LLM,
        "server/chats/__init__.py": "",
        "server/chats/consumers.py": CONSUMER.replace("from llm import ask", "from services.llm import ask"),
    })
    assert sites(result)[("server/services/llm.py", 7)] == ("chat.completions.create", "real-time")


def test_a_package_init_is_named_by_its_path_under_a_folder_without_init(tmp_path):
    result = project(tmp_path, {
        "proj/__init__.py": "",
        "proj/ai/agents/__init__.py": LLM.replace("def ask(text):", "class Agent:\n    def get_response(self, text):")
                                          .replace("    return client", "        return client"),
        "proj/api.py": "from fastapi import FastAPI\nfrom proj.ai.agents import Agent\n\napp = FastAPI()\n\n\n"
                       "@app.post('/message')\ndef reply(body: str):\n    return Agent().get_response(body)\n",
    })
    assert sites(result)[("proj/ai/agents/__init__.py", 8)] == ("chat.completions.create", "real-time")


def test_slack_bolt_assistant_listeners_answer_the_user(tmp_path):
    result = project(tmp_path, {
        "llm.py": LLM,
        "app.py": "from slack_bolt import App, Assistant\nfrom llm import ask\n\n"
                  "app = App(token='x')\nassistant = Assistant()\n\n\n"
                  "@assistant.user_message\ndef respond(payload, say):\n    say(ask(payload['text']))\n\n\n"
                  "app.use(assistant)\n",
    })
    assert sites(result)[ASK] == ("chat.completions.create", "real-time")


def test_schedule_run_all_runs_the_registered_jobs_for_whoever_calls_it(tmp_path):
    jobs = ("import threading\n\nimport schedule\nfrom llm import ask\n\n\n"
            "def digest():\n    ask('x')\n\n\n"
            "schedule.every().day.at('09:30').do(digest)\n\n\n"
            "def run_now():\n    {run}\n")
    web = ("from fastapi import FastAPI\nfrom jobs import run_now\n\napp = FastAPI()\n\n\n"
           "@app.post('/run')\ndef run():\n    run_now()\n")
    threaded = project(tmp_path / "threaded", {
        "llm.py": LLM, "web.py": web,
        "jobs.py": jobs.format(run="threading.Thread(target=schedule.run_all).start()"),
    })
    waited = project(tmp_path / "waited", {"llm.py": LLM, "web.py": web, "jobs.py": jobs.format(run="schedule.run_all()")})
    assert sites(threaded)[ASK] == ("chat.completions.create", "near-real-time")  # the route answers at once
    assert sites(waited)[ASK] == ("chat.completions.create", "mixed")  # the person waits for the jobs


def test_lazy_listeners_on_an_app_built_in_the_same_file(tmp_path):
    result = project(tmp_path, {
        "llm.py": LLM + "\n\ndef other(text):\n    return client.chat.completions.create(model='m', messages=[])\n",
        "main.py": "from slack_bolt import App\nfrom llm import ask, other\n\napp = App(token='x')\n\n\n"
                   "def ack_fn(ack):\n    ack()\n\n\n"
                   "def work(event, say):\n    say(ask(event))\n\n\n"
                   "app.event('app_mention')(ack=ack_fn, lazy=[work])\n",
        "idle.py": "from llm import other\n\n\ndef unused(body):\n    return other(body)\n",
    })
    found = sites(result)
    assert found[ASK] == ("chat.completions.create", "real-time")
    assert found[("llm.py", 11)] == ("chat.completions.create", "unknown")  # nothing registers it
