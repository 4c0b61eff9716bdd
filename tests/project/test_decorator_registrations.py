"""A bare method decorator that adds to a container (``@agent.tool``, ``@registry.register``)
registers the function as ``agent.tool(fn)`` would: a run of the container runs it, and the
module that defines it does not (round 10: a pydantic-ai agent's tool called from a chat handler).
"""
from __future__ import annotations

from test_graph import project, sites
from test_object_flow import at

from llm_latency_lint.facts.visitor import extract
from llm_latency_lint.model import REGISTERED

CHAT = "client.chat.completions.create(model='m', messages=[])"
AGENT = (
    "from openai import OpenAI\n"
    "from pydantic_ai import Agent, RunContext\n\n"
    "client = OpenAI()\n"
    "agent = Agent('openai:gpt-4o')\n\n\n"
    "@agent.tool\n"
    "def lookup(ctx: RunContext[None], query: str) -> str:\n"
    "    return str(" + CHAT + ")\n\n\n"
    "@agent.system_prompt\n"
    "def persona() -> str:\n"
    "    return str(" + CHAT + ")\n"
)


def test_a_tool_registered_by_decorator_runs_where_its_agent_runs(tmp_path):
    files = {
        "tools.py": AGENT,
        "web.py": "from fastapi import FastAPI\n\nfrom tools import agent\n\napp = FastAPI()\n\n\n"
                  "@app.post('/ask')\nasync def ask(q: str):\n    return (await agent.run(q)).output\n",
    }
    found = sites(project(tmp_path, files))
    assert found[("tools.py", at(AGENT, 0))] == ("chat.completions.create", "real-time")
    assert found[("tools.py", at(AGENT, 1))] == ("chat.completions.create", "real-time")
    assert found[("web.py", 10)] == ("run", "real-time")  # the agent's own run stays a site


def test_a_tool_of_an_agent_nothing_runs_stays_unknown(tmp_path):
    """Registering is not running: the script that defines the tool does not run it."""
    found = sites(project(tmp_path, {"tools.py": AGENT}))
    assert found[("tools.py", at(AGENT, 0))][1] == "unknown"


def test_a_registry_filled_by_decorator_runs_its_members_where_a_job_loops_over_it(tmp_path):
    files = {
        "plugins.py": "from openai import OpenAI\n\nclient = OpenAI()\nHANDLERS = []\n\n\n"
                      "@HANDLERS.append\ndef summarise(item):\n    return " + CHAT + "\n",
        "job.py": "from plugins import HANDLERS\n\n\ndef nightly(items):  # llm-latency: scheduled\n"
                  "    for item in items:\n        for handler in HANDLERS:\n            handler(item)\n",
    }
    found = sites(project(tmp_path, files))
    assert found[("plugins.py", at(files["plugins.py"]))] == ("chat.completions.create", "scheduled")


def test_the_registration_refs_sit_where_the_decorator_is():
    """The refs ``agent.tool(fn)`` would make, at the decorator's own line and column (a reviewer's
    evidence step points at ``@agent.tool``, not at an invented column)."""
    facts = extract(AGENT, "tools.py", "tools")
    refs = [r for r in facts.functions["tools.lookup"].calls if r.note == REGISTERED or r.shape == ["tool", "1"]]
    line = AGENT.splitlines().index("@agent.tool") + 1
    assert {(r.line, r.col) for r in refs} == {(line, len("@") + 1)}  # 1-based, as every ref
    assert len(refs) == 2
