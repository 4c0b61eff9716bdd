"""Objects an application gets from its wiring rather than from a caller: dependency_injector
containers (a provider called, handed to another provider, or injected by ``Provide[...]``) and the
instance a method hands to a helper (``worker(self, state)``).

The call files import no SDK, so a site exists only if the client's value reaches it; triggers come
from pragmas or routes, so only the graph's values and edges decide what is reached.
"""
from __future__ import annotations

from test_graph import project, sites
from test_object_flow import CHAT, at
from test_receivers import typed

SERVICE = ("class Service:\n    def __init__(self, client, label=''):\n        self.client = client\n\n"
           "    def run(self):\n        " + CHAT + "\n")
CONTAINER = ("from dependency_injector import containers, providers\nfrom openai import OpenAI\n\n"
             "from service import Service\n\n\n"
             "class Container(containers.DeclarativeContainer):\n"
             "    client = providers.Singleton(OpenAI)\n"
             "    service = providers.Factory(Service, client=client, label='x')\n")


def test_calling_a_container_provider_builds_its_class_with_the_providers_it_is_handed(tmp_path):
    files = {
        "service.py": SERVICE,
        "containers.py": CONTAINER,
        "main.py": "from containers import Container\n\n\n"
                   "def nightly():  # llm-latency: scheduled\n    Container().service().run()\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("service.py", at(files["service.py"])): ("chat.completions.create", "scheduled")}


def test_provide_as_a_default_injects_what_the_provider_builds_alone_or_inside_depends(tmp_path):
    files = {
        "service.py": SERVICE,
        "containers.py": CONTAINER,
        "routes.py": "from dependency_injector.wiring import Provide, inject\nfrom fastapi import APIRouter, Depends\n\n"
                     "from containers import Container\n\nrouter = APIRouter()\n\n\n"
                     "@router.post('/ask')\n@inject\n"
                     "def ask(service=Depends(Provide[Container.service])):\n    return service.run()\n\n\n"
                     "@inject\ndef nightly(service=Provide[Container.service]):  # llm-latency: scheduled\n"
                     "    return service.run()\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("service.py", at(files["service.py"])): ("chat.completions.create", "mixed")}


def test_a_sub_container_provider_is_reached_through_the_parent(tmp_path):
    files = {
        "service.py": SERVICE,
        "containers.py": CONTAINER + "\n\nclass App(containers.DeclarativeContainer):\n"
                                     "    services = providers.Container(Container)\n",
        "main.py": "from dependency_injector.wiring import Provide\n\nfrom containers import App\n\n\n"
                   "def nightly(service=Provide[App.services.service]):  # llm-latency: scheduled\n"
                   "    service.run()\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("service.py", at(files["service.py"])): ("chat.completions.create", "scheduled")}


def test_a_name_in_another_class_body_or_a_plain_call_is_no_provider(tmp_path):
    """Only dependency_injector's providers build what they are given: a project ``Factory`` with
    the same shape neither calls ``Service`` nor binds its arguments to ``Service``'s parameters."""
    files = {
        "service.py": SERVICE,
        "main.py": "from openai import OpenAI\n\nfrom service import Service\n\n\n"
                   "class Factory:\n    def __init__(self, cls, client=None):\n        self.cls = cls\n\n\n"
                   "def nightly():  # llm-latency: scheduled\n    Factory(Service, client=OpenAI())\n",
    }
    result = project(tmp_path, files)
    line = at(files["service.py"])
    assert typed(result, inferred={("service.py", line)}) == {}
    assert sites(result) == {("service.py", line): ("chat.completions.create", "unknown")}


def test_the_instance_handed_to_a_helper_is_what_the_helper_reads(tmp_path):
    """``worker(self, state)`` in a graph node method: the helper's parameter is the instance, so
    ``sidekick.llm`` is the client its ``setup`` stored."""
    files = {
        "nodes.py": "def worker(sidekick, state):\n    return sidekick.llm.chat.completions.create(model='m', messages=state)\n",
        "agent.py": "from openai import OpenAI\n\nfrom nodes import worker\n\n\n"
                    "class Sidekick:\n    def __init__(self):\n        self.llm = None\n\n"
                    "    def setup(self):\n        self.llm = OpenAI()\n\n"
                    "    def node(self, state):\n        return worker(self, state)\n\n\n"
                    "def nightly():  # llm-latency: scheduled\n    s = Sidekick()\n    s.setup()\n    s.node([])\n",
    }
    result = project(tmp_path, files)
    line = [n for n, text in enumerate(files["nodes.py"].splitlines(), 1) if "chat.completions" in text][0]
    assert typed(result) == {("nodes.py", line): ("chat.completions.create", "scheduled")}


def test_an_annotated_local_is_an_instance_of_its_annotation(tmp_path):
    """``llm: Assistant = context.bot_data["llm"]``: the lookup is untyped, the annotation is not;
    a builtin annotation (``n: int = ...``) types nothing."""
    files = {
        "assistant.py": "from openai import OpenAI\n\n\nclass Assistant:\n    def __init__(self):\n"
                        "        self.client = OpenAI()\n\n    def reply_to(self, text):\n        " + CHAT + "\n",
        "bot.py": "from assistant import Assistant\n\n\n"
                  "def handle(context):  # llm-latency: real-time\n"
                  "    llm: Assistant = context.bot_data['llm']\n    count: int = context.count\n"
                  "    return llm.reply_to(count)\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("assistant.py", at(files["assistant.py"])): ("chat.completions.create", "real-time")}


def test_aiogram_dialog_widgets_call_their_handlers_for_the_person_in_the_chat(tmp_path):
    """``MessageInput(handler)``, ``Button(..., on_click=...)`` and ``Window(getter=...)`` in a
    dialog: each callback is real-time; a function no widget names stays unknown."""
    ask = "from openai import OpenAI\n\nclient = OpenAI()\n\n\n" + "".join(
        f"def {name}(*args, **kwargs):\n    return client.chat.completions.create(model='m', messages=[])\n\n\n"
        for name in ("on_text", "on_press", "get_data", "unused"))
    files = {
        "handlers.py": ask,
        "dialogs.py": "from aiogram_dialog import Dialog, Window\nfrom aiogram_dialog.widgets.input import MessageInput\n"
                      "from aiogram_dialog.widgets.kbd import Button\nfrom aiogram_dialog.widgets.text import Const\n\n"
                      "from handlers import get_data, on_press, on_text\n\n"
                      "dialog = Dialog(Window(Const('hi'), MessageInput(on_text), Button(Const('go'), id='go', on_click=on_press),"
                      " getter=get_data, state=None))\n",
        "bot.py": "import asyncio\n\nfrom aiogram import Dispatcher\n\nfrom dialogs import dialog\n\n\n"
                  "async def main():\n    dp = Dispatcher()\n    dp.include_router(dialog)\n    await dp.start_polling()\n\n\n"
                  "if __name__ == '__main__':\n    asyncio.run(main())\n",
    }
    classes = {line: cls for (path, line), (_, cls) in sites(project(tmp_path, files)).items()}
    assert classes == {7: "real-time", 11: "real-time", 15: "real-time", 19: "unknown"}


def test_django_s_app_registry_holds_what_an_app_config_s_ready_set_up(tmp_path):
    """``apps.get_app_config("chatbot").bot`` in a view is the ``Bot`` that ``ChatbotConfig.ready``
    stored; another label finds no config."""
    files = {
        "bots/chat.py": "from openai import OpenAI\n\n\nclass Bot:\n    def __init__(self):\n"
                        "        self.client = OpenAI()\n\n    def answer(self, text):\n        " + CHAT + "\n",
        "bots/apps.py": "from django.apps import AppConfig\n\n\nclass ChatbotConfig(AppConfig):\n"
                        "    name = 'site.chatbot'\n\n    def ready(self):\n        from bots.chat import Bot\n"
                        "        self.bot = Bot()\n",
        "bots/views.py": "from django.apps import apps\n\n\n"
                         "def ask(request):  # llm-latency: real-time\n"
                         "    return apps.get_app_config('chatbot').bot.answer(request.body)\n\n\n"
                         "def other(request):  # llm-latency: scheduled\n"
                         "    return apps.get_app_config('billing').bot.answer(request.body)\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("bots/chat.py", at(files["bots/chat.py"])): ("chat.completions.create", "real-time")}
