"""Registering a callable is not running it: whoever runs what it was registered into runs it
(issue 15, reach: LangGraph nodes a route invokes, built by a FastAPI lifespan)."""
from __future__ import annotations

from test_graph import project, sites

NODE = "from openai import OpenAI\nclient = OpenAI()\n\n\ndef {name}(state):\n    return client.chat.completions.create(model='m', messages=[])\n"
ROUTE = (
    "from fastapi import FastAPI\nfrom app.flow import run_flow\n\napp = FastAPI()\n\n\n"
    "@app.post('/ask')\nasync def ask_route(m: str):\n    return await run_flow(m)\n"
)


def test_a_node_a_package_re_exports_is_the_function_its_init_binds(tmp_path):
    # ``from .nodes import ask`` with ``nodes/__init__.py: from .ask import ask``: the package's
    # attribute is the function, though ``nodes/ask.py`` is also a module of that name
    result = project(tmp_path, {
        "app/__init__.py": "",
        "app/flow/__init__.py": (
            "from langgraph.graph import StateGraph\nfrom .nodes import ask\nfrom .nodes.tell import tell\n\n"
            "wf = StateGraph(dict)\nwf.add_node('ask', ask)\nwf.add_node('tell', tell)\nwf.set_entry_point('ask')\n"
            "graph = wf.compile()\n\n\nasync def run_flow(m):\n    return await graph.ainvoke({'m': m})\n"
        ),
        "app/flow/nodes/__init__.py": "from .ask import ask\n",
        "app/flow/nodes/ask.py": NODE.format(name="ask"),
        "app/flow/nodes/tell.py": NODE.format(name="tell"),
        "app/api.py": ROUTE,
    })
    found = sites(result)
    assert found[("app/flow/nodes/ask.py", 6)][1] == "real-time"
    assert found[("app/flow/nodes/tell.py", 6)][1] == "real-time"


AGENT = (
    "from langgraph.graph import StateGraph\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    "class Agent:\n"
    "    def __init__(self):\n        self.graph = self._build()\n\n"
    "    def _build(self):\n        g = StateGraph(dict)\n        g.add_node('answer', self.answer)\n"
    "        g.add_conditional_edges('answer', self.route, {'x': 'answer'})\n"
    "        g.set_entry_point('answer')\n        return g.compile()\n\n"
    "    def route(self, state):\n        return 'x'\n\n"
    "    def answer(self, state):\n        return client.chat.completions.create(model='m', messages=[])\n\n"
    "    async def chat(self, text):\n        return await self.graph.ainvoke({'q': text})\n"
)
AGENT_SITE = 22
MAIN = (
    "from contextlib import asynccontextmanager\nfrom fastapi import FastAPI\nfrom agent import Agent\n\n"
    "agent = None\n\n\n@asynccontextmanager\nasync def lifespan(app):\n    global agent\n"
    "    agent = Agent()\n    yield\n\n\napp = FastAPI(lifespan=lifespan)\n\n\n"
    "@app.post('/chat')\nasync def chat(text: str):\n    return await agent.chat(text)\n"
)


def test_a_lifespan_that_builds_the_graph_does_not_run_its_nodes(tmp_path):
    found = sites(project(tmp_path, {"agent.py": AGENT, "main.py": MAIN}))
    assert found[("agent.py", AGENT_SITE)][1] == "real-time"  # the route that invokes it, not start-up


REGISTRAR = (
    "from fastapi import FastAPI\nfrom openai import OpenAI\nimport somelib\n\n"
    "client = OpenAI()\napp = FastAPI()\n\n\n"
    "def answer(q):\n    return client.chat.completions.create(model='m', messages=[])\n\n\n"
    "@app.post('/chat')\ndef chat(q: str):\n    steps = []\n    steps.append(answer)\n"
    "    return somelib.run_all(steps, q)\n"
)


def test_a_callable_registered_into_what_nothing_is_seen_running_keeps_its_registrar(tmp_path):
    # the container goes to a library the tool does not follow: the code that registers it is
    # the only runner found, as before
    found = sites(project(tmp_path, {"main.py": REGISTRAR}))
    assert found[("main.py", 10)][1] == "real-time"


def test_a_direct_call_elsewhere_keeps_the_registrar_too(tmp_path):
    # a nightly script also calls ``answer``: only running the container it was added to would make
    # the registration someone else's; the route still runs it, the nightly run adds its schedule
    nightly = "from main import answer\n\nif __name__ == '__main__':\n    answer('warm up')\n"
    cron = "0 3 * * * cd /app && python nightly.py\n"
    found = sites(project(tmp_path, {"main.py": REGISTRAR, "nightly.py": nightly, "crontab": cron}))
    assert found[("main.py", 10)][1] == "mixed"


def test_dunder_import_with_a_fromlist_is_the_module_it_names(tmp_path):
    # ``__import__("a.b.c", fromlist=[""])`` returns ``a.b.c`` (without a fromlist: the package ``a``);
    # the function it names runs under a decorator factory's wrapper
    found = sites(project(tmp_path, {
        "app/__init__.py": "", "app/providers/__init__.py": "",
        "app/retry.py": (
            "from functools import wraps\n\n\ndef retrying(times=3):\n    def deco(fn):\n        @wraps(fn)\n"
            "        async def wrapper(*a, **k):\n            return await fn(*a, **k)\n        return wrapper\n"
            "    return deco\n"
        ),
        "app/providers/openai_http.py": (
            "import httpx\nfrom app.retry import retrying\n\n\n@retrying(times=2)\nasync def summarize(text):\n"
            "    async with httpx.AsyncClient() as c:\n"
            "        return await c.post('https://api.openai.com/v1/chat/completions', json={'model': 'm'})\n"
        ),
        "app/providers/other_http.py": (
            "import httpx\n\n\nasync def summarize(text):\n    async with httpx.AsyncClient() as c:\n"
            "        return await c.post('https://api.openai.com/v1/chat/completions', json={'model': 'm'})\n"
        ),
        "app/llm.py": (
            "async def summarize_items(text):\n"
            "    fn = __import__('app.providers.openai_http', fromlist=['']).summarize\n    return await fn(text)\n"
        ),
        "app/api.py": (
            "from fastapi import FastAPI\nfrom app.llm import summarize_items\n\napp = FastAPI()\n\n\n"
            "@app.get('/s')\nasync def s(t: str):\n    return await summarize_items(t)\n"
        ),
    }))
    assert found[("app/providers/openai_http.py", 8)][1] == "real-time"
    assert found[("app/providers/other_http.py", 6)][1] == "unknown"  # not a module it names


BOT = (
    "from openai import OpenAI\n{imports}\n\nclient = OpenAI()\n\n\n"
    "class Bot:\n    def __init__(self, token):\n"
    "        self._handler = {handler}\n"
    "        self._handler.app.message()(self._on_message)\n\n"
    "    def run(self):\n        self._handler.start()\n\n"
    "    def _on_message(self, message, say):\n"
    "        say(client.chat.completions.create(model='m', messages=[]))\n"
)
BOT_SITE = 17


def test_a_slack_listener_applied_by_a_call_on_a_handlers_app_answers_a_person(tmp_path):
    found = sites(project(tmp_path, {"bot.py": BOT.format(
        imports="from slack_bolt import App\nfrom slack_bolt.adapter.socket_mode import SocketModeHandler",
        handler="SocketModeHandler(app=App(token=token), app_token=token)")}))
    assert found[("bot.py", BOT_SITE)][1] == "real-time"


def test_a_message_method_applied_by_a_call_outside_a_bot_framework_is_no_listener(tmp_path):
    found = sites(project(tmp_path, {"bot.py": BOT.format(imports="import json\nfrom mylib import Handler",
                                                          handler="Handler(token)")}))
    assert found[("bot.py", BOT_SITE)][1] == "unknown"


def test_a_literal_file_id_read_where_the_file_retrieves_a_batch_is_the_batch_output(tmp_path):
    script = "from openai import OpenAI\n\nclient = OpenAI()\n{batch}out = client.files.content('file-13M5')\n"
    found = sites(project(tmp_path, {"check.py": script.format(batch="b = client.batches.retrieve('batch_1')\n")}))
    assert found[("check.py", 5)][0] == "files.content"
    found = sites(project(tmp_path / "other", {"check.py": script.format(batch="")}))
    assert ("check.py", 4) not in found  # an assistants or user file: no batch in sight


RUNNABLES = (
    "from fastapi import FastAPI\nfrom openai import OpenAI\n"
    "from langchain_core.runnables import RunnableLambda, RunnableParallel\n"
    "from langchain_core.prompts import PromptTemplate\n\nclient = OpenAI()\napp = FastAPI()\n\n\n"
    "def ask(x):\n    return client.chat.completions.create(model='m', messages=[])\n\n\n"
    "def tell(x):\n    return client.chat.completions.create(model='m', messages=[])\n\n\n"
    "class Bot:\n    def __init__(self):  # llm-latency: scheduled\n"
    "        self.chain = PromptTemplate.from_template('{q}') | RunnableLambda(ask)\n"
    "        self.both = RunnableParallel({'a': tell})\n\n"
    "    def answer(self, q):\n        return self.chain.invoke({'q': q}), self.both.invoke(q)\n\n\n"
    "@app.post('/q')\ndef q(text: str):\n    return Bot().answer(text)\n"
)


def test_runnables_run_what_they_hold_when_invoked_not_when_built(tmp_path):
    found = sites(project(tmp_path, {"app.py": RUNNABLES}))
    assert found[("app.py", 11)][1] == "real-time"  # ``prompt | RunnableLambda(ask)`` invoked by the route
    assert found[("app.py", 15)][1] == "real-time"  # ``RunnableParallel({"a": tell})`` likewise


NIGHTLY_LIST = (
    "import somelib\nfrom agent import Agent\n\n\n"
    "def nightly():  # llm-latency: scheduled\n    steps = []\n    steps.append(Agent().answer)\n"
    "    return somelib.run_all(steps)\n"
)


def test_a_registration_is_someone_elses_only_when_its_own_container_is_seen_running(tmp_path):
    # ``answer`` is a node of the graph the route invokes, and also appended to a list a nightly job
    # hands to a library: the graph's run covers the graph's registration only, the nightly job's
    # list has no run in sight, so the nightly job runs ``answer`` too
    found = sites(project(tmp_path, {"agent.py": AGENT, "main.py": MAIN, "nightly.py": NIGHTLY_LIST}))
    assert found[("agent.py", AGENT_SITE)][1] == "mixed"


MODULE_GRAPH = (
    "from contextlib import asynccontextmanager\nfrom fastapi import FastAPI\n"
    "from langgraph.graph import StateGraph\nfrom openai import OpenAI\n\nclient = OpenAI()\nwf = StateGraph(dict)\n"
    "graph = None\n\n\ndef answer(state):\n    return client.chat.completions.create(model='m', messages=[])\n\n\n"
    "@asynccontextmanager\nasync def lifespan(app):\n    global graph\n    wf.add_node('answer', answer)\n"
    "    graph = wf.compile()\n    yield\n\n\napp = FastAPI(lifespan=lifespan)\n\n\n"
    "@app.post('/chat')\nasync def chat(text: str):\n    return await graph.ainvoke({'q': text})\n"
)


def test_a_module_global_graph_runs_its_nodes_where_it_is_invoked(tmp_path):
    # ``graph.ainvoke`` on a module global (the name ``main.graph.ainvoke``) runs the graph's
    # nodes: the lifespan that adds them and compiles the graph does not run them
    found = sites(project(tmp_path, {"main.py": MODULE_GRAPH}))
    assert found[("main.py", 12)][1] == "real-time"
