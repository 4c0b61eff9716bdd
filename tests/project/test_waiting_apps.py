"""Shapes of applications where a person waits (survey 10b): what a project's own decorator
factory decorates, what a generator hands over (a context manager's ``as``, a yield dependency,
a lifespan's state), objects a DI container builds from the class it is given, and modules
imported relative to a nested package folder the application runs from.
"""
from __future__ import annotations

from test_graph import project, sites
from test_object_flow import at

CLIENT = "from openai import OpenAI\n\nclient = OpenAI()\n"
CHAT = "client.chat.completions.create(model='m', messages=[])"

ROUTE_FACTORY = (
    "from functools import wraps\n\n\n"
    "def route(rule, **options):\n"
    "    checked = len(rule)\n\n"
    "    def decorator(f):\n"
    "        @wraps(f)\n"
    "        def wrapper(*args, **kwargs):\n"
    "            return f(*args, **kwargs)\n"
    "        return wrapper\n"
    "    return decorator\n"
)


def test_a_decorator_factorys_own_first_parameter_is_not_what_it_decorates(tmp_path):
    """``@route("/a")`` calls ``route`` with the rule and hands the method to what it returns: a
    call of one decorated method runs that method, not every method the factory decorates."""
    files = {
        "deco.py": ROUTE_FACTORY,
        "handlers.py": CLIENT + "from deco import route\n\n\n"
                       "class Handler:\n"
                       "    @route('/chat', methods=['POST'])\n"
                       "    def chat(self):\n        return " + CHAT + "\n\n"
                       "    @route('/delete', methods=['POST'])\n"
                       "    def delete(self):\n        return " + CHAT + "\n",
        "jobs.py": "from handlers import Handler\n\n\ndef nightly():  # llm-latency: scheduled\n    Handler().delete()\n",
    }
    found = sites(project(tmp_path, files))
    assert found[("handlers.py", at(files["handlers.py"], 1))] == ("chat.completions.create", "scheduled")
    assert found[("handlers.py", at(files["handlers.py"], 0))][1] == "unknown"


def test_a_plain_decorators_first_parameter_is_still_what_it_decorates(tmp_path):
    files = {
        "deco.py": "def register(f):\n    HANDLERS.append(f)\n    return f\n\n\nHANDLERS = []\n\n\n"
                   "def run_all():  # llm-latency: scheduled\n    for h in HANDLERS:\n        h()\n\n\n"
                   "def call_it(fn):\n    return fn\n",
        "jobs.py": CLIENT + "from deco import register\n\n\n@register\ndef summarise():\n    return " + CHAT + "\n",
    }
    found = sites(project(tmp_path, files))
    assert found[("jobs.py", at(files["jobs.py"]))] == ("chat.completions.create", "scheduled")


SERVICE = (CLIENT + "\n\nclass Assistant:\n    def answer(self, q):\n        return " + CHAT + "\n\n"
           "    def unused(self, q):\n        return " + CHAT + "\n")


def test_what_an_asynccontextmanager_yields_is_the_with_target(tmp_path):
    files = {
        "assistant.py": SERVICE,
        "factory.py": "from contextlib import asynccontextmanager\n\nfrom assistant import Assistant\n\n\n"
                      "@asynccontextmanager\nasync def make_assistant():\n    helper = Assistant()\n"
                      "    try:\n        yield helper\n    finally:\n        pass\n",
        "ui.py": "import chainlit as cl\n\nfrom factory import make_assistant\n\n\n"
                 "@cl.on_message\nasync def on_message(msg: cl.Message):\n"
                 "    async with make_assistant() as helper:\n        helper.answer(msg.content)\n",
    }
    found = sites(project(tmp_path, files))
    text = files["assistant.py"]
    assert found[("assistant.py", at(text, 0))] == ("chat.completions.create", "real-time")
    assert found[("assistant.py", at(text, 1))][1] == "unknown"


def test_a_fastapi_dependency_that_yields_injects_what_it_yields(tmp_path):
    files = {
        "assistant.py": SERVICE,
        "api.py": "from fastapi import Depends, FastAPI\n\nfrom assistant import Assistant\n\napp = FastAPI()\n\n\n"
                  "def get_assistant():\n    helper = Assistant()\n    yield helper\n\n\n"
                  "@app.post('/ask')\ndef ask(q: str, helper=Depends(get_assistant)):\n    return helper.answer(q)\n",
    }
    found = sites(project(tmp_path, files))
    assert found[("assistant.py", at(files["assistant.py"]))] == ("chat.completions.create", "real-time")


def test_a_generators_items_are_what_it_yields(tmp_path):
    files = {
        "assistant.py": SERVICE,
        "jobs.py": "from assistant import Assistant\n\n\ndef helpers():\n    yield Assistant()\n\n\n"
                   "def nightly():  # llm-latency: scheduled\n    for helper in helpers():\n        helper.answer('x')\n",
    }
    found = sites(project(tmp_path, files))
    assert found[("assistant.py", at(files["assistant.py"]))] == ("chat.completions.create", "scheduled")


def test_a_lifespans_state_is_read_through_request_state(tmp_path):
    """``yield {"assistant": Assistant()}`` in a lifespan: Starlette copies it into every request's
    ``state``, so a dependency reading ``request.state.assistant`` gets it."""
    files = {
        "assistant.py": SERVICE,
        "main.py": "from contextlib import asynccontextmanager\n\nfrom fastapi import Depends, FastAPI, Request\n\n"
                   "from assistant import Assistant\n\n\n"
                   "@asynccontextmanager\nasync def lifespan(app: FastAPI):\n    yield {'assistant': Assistant()}\n\n\n"
                   "app = FastAPI(lifespan=lifespan)\n\n\n"
                   "def get_assistant(request: Request):\n    return request.state.assistant\n\n\n"
                   "@app.post('/ask')\nasync def ask(q: str, helper=Depends(get_assistant)):\n    return helper.answer(q)\n",
    }
    found = sites(project(tmp_path, files))
    assert found[("assistant.py", at(files["assistant.py"]))] == ("chat.completions.create", "real-time")


def test_modules_imported_relative_to_a_nested_package_the_app_runs_from(tmp_path):
    """``root/__init__.py`` and ``root/app/__init__.py``: the app runs from ``app/`` (``cd app;
    uvicorn main:app``), so ``from services.llm import Assistant`` names ``app/services/llm.py``."""
    files = {
        "__init__.py": "",
        "app/__init__.py": "",
        "app/services/__init__.py": "",
        "app/services/llm.py": SERVICE,
        "app/main.py": "from fastapi import Depends, FastAPI\n\nfrom services.llm import Assistant\n\napp = FastAPI()\n\n\n"
                       "@app.post('/ask')\ndef ask(q: str, helper: Assistant = Depends(Assistant)):\n    return helper.answer(q)\n",
    }
    found = sites(project(tmp_path, files))
    assert found[("app/services/llm.py", at(files["app/services/llm.py"]))] == ("chat.completions.create", "real-time")


def test_a_di_container_asked_for_a_class_builds_one(tmp_path):
    """python-injector: ``injector.get(Assistant)`` in a task is an ``Assistant``; another class's
    method of the same name is not reached by name."""
    files = {
        "assistant.py": SERVICE + "\n\nclass Other:\n    def answer(self, q):\n        return " + CHAT + "\n",
        "module.py": "from injector import Injector\n\ninjector = Injector([])\n\n\n"
                     "def get_global_injector():\n    return injector\n",
        "tasks.py": "from module import injector\nfrom assistant import Assistant\n\n\n"
                    "def nightly():  # llm-latency: scheduled\n"
                    "    helper = injector.get(Assistant)\n    helper.answer('x')\n",
        "cache.py": "from assistant import Assistant\n\n\ndef lookup(cache):  # llm-latency: scheduled\n"
                    "    return cache.get(Assistant)\n",
        "views.py": "from module import get_global_injector\nfrom assistant import Assistant\n\n\n"
                    "class View:\n    def __init__(self):\n        self._injector = get_global_injector()\n\n"
                    "    def get(self):  # llm-latency: real-time\n"
                    "        get_global_injector().get(Assistant).answer('y')\n"
                    "        return self._injector.get(Assistant).answer('z')\n",
    }
    found = sites(project(tmp_path, files))
    text = files["assistant.py"]
    assert found[("assistant.py", at(text, 0))] == ("chat.completions.create", "mixed")
    assert found[("assistant.py", at(text, 2))][1] == "unknown"


def test_a_dependency_alias_holds_the_graph_its_dependency_returns(tmp_path):
    """``agent: AgentDep`` with ``AgentDep = Annotated[CompiledStateGraph, Depends(get_agent)]`` in
    another module: the graph the lifespan built, so its nodes run for the route."""
    files = {
        "app/__init__.py": "",
        "app/agent.py": "from langchain_openai import ChatOpenAI\nfrom langgraph.graph import StateGraph\n\n\n"
                        "async def chat(state):\n    return await ChatOpenAI().ainvoke(state['messages'])\n\n\n"
                        "builder = StateGraph(dict)\nbuilder.add_node('chat', chat)\n\n\n"
                        "def get_graph():\n    return builder.compile()\n",
        "app/deps.py": "from typing import Annotated, cast\n\nfrom fastapi import Depends, Request\n"
                       "from langgraph.graph.state import CompiledStateGraph\n\n\n"
                       "async def get_agent(request: Request) -> CompiledStateGraph:\n"
                       "    return cast(CompiledStateGraph, request.state.agent)\n\n\n"
                       "AgentDep = Annotated[CompiledStateGraph, Depends(get_agent)]\n",
        "app/main.py": "from contextlib import asynccontextmanager\n\nfrom fastapi import FastAPI\n\n"
                       "from app.agent import get_graph\nfrom app.deps import AgentDep\n\n\n"
                       "@asynccontextmanager\nasync def lifespan(app: FastAPI):\n    yield {'agent': get_graph()}\n\n\n"
                       "app = FastAPI(lifespan=lifespan)\n\n\n"
                       "@app.post('/chat')\nasync def chat(q: str, agent: AgentDep):\n"
                       "    return await agent.ainvoke({'messages': [q]})\n",
    }
    found = sites(project(tmp_path, files))
    assert found[("app/agent.py", 6)] == ("ainvoke", "real-time")


def test_a_graphs_event_stream_runs_its_nodes(tmp_path):
    """An SSE route streams ``graph.astream_events(...)`` from a generator inside the handler."""
    files = {
        "agent.py": "from langchain_openai import ChatOpenAI\nfrom langgraph.graph import StateGraph\n\n\n"
                    "def chat(state):\n    return ChatOpenAI().invoke(state['messages'])\n\n\n"
                    "builder = StateGraph(dict)\nbuilder.add_node('chat', chat)\ngraph = builder.compile()\n",
        "api.py": "from fastapi import FastAPI\nfrom fastapi.responses import StreamingResponse\n\nfrom agent import graph\n\n"
                  "app = FastAPI()\n\n\n@app.post('/stream')\nasync def stream(q: str):\n"
                  "    async def events():\n"
                  "        async for event in graph.astream_events({'messages': [q]}, version='v2'):\n"
                  "            yield str(event)\n"
                  "    return StreamingResponse(events())\n",
    }
    found = sites(project(tmp_path, files))
    assert found[("agent.py", 6)] == ("invoke", "real-time")
