"""More agent runners called as libraries: one call runs a loop of dependent model requests.

Call shapes from each project's documentation; none can use a batch API (each step needs the
previous answer), so the site is reported with its spend and latency class only. Agno / phidata
and CAMEL are in ``orchestration.py``; CrewAI, openai-agents, pydantic-ai, smolagents, AutoGen and
Open Interpreter (``interpreter.chat``, ``OpenInterpreter().chat``) in ``agents.py``.

- OpenAI Swarm (``swarm.Swarm``, github.com/openai/swarm README "Running Swarm"): ``client.run(agent=...,
  messages=...)`` loops chat completions, tool calls and hand-offs (``stream=True`` streams it);
  ``run_and_stream`` is the streaming loop.
"""
from llm_latency_lint.catalog.providers.agents import agent_provider, loop_ops

PROVIDERS = [
    agent_provider("swarm", "OpenAI Swarm",
                   client_operations={name: loop_ops("run", stream=("run_and_stream",)) for name in ("swarm.Swarm", "swarm.core.Swarm")},
                   import_roots=("swarm",), anchors=(r"from swarm import", r"\bswarm\.(?:core\.)?Swarm\b")),
]
