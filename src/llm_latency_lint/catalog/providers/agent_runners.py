"""More agent runners called as libraries: one call runs a loop of dependent model requests.

Call shapes from each project's documentation; none can use a batch API (each step needs the
previous answer), so the site is reported with its spend and latency class only. Agno / phidata
and CAMEL are in ``orchestration.py``; CrewAI, openai-agents, pydantic-ai, smolagents, AutoGen and
Open Interpreter (``interpreter.chat``, ``OpenInterpreter().chat``) in ``agents.py``.

- OpenAI Swarm (``swarm.Swarm``, github.com/openai/swarm README "Running Swarm"): ``client.run(agent=...,
  messages=...)`` loops chat completions, tool calls and hand-offs (``stream=True`` streams it);
  ``run_and_stream`` is the streaming loop.
- Letta (``letta_client.Letta`` / ``AsyncLetta``, checked against letta-client 1.12.1 and 0.1.324): a
  message to a server-side agent (``client.agents.messages.create``, ``stream`` in 1.x,
  ``create_stream`` in 0.1.x, ``create_async``: the same run in the background, polled by run id)
  runs the agent's model-and-tool loop on the Letta server; ``conversations.messages.create``
  (1.x) is the same turn inside a conversation. Listing, retrieving or resetting messages is not.
"""
from llm_latency_lint.catalog.providers.agents import agent_provider, loop_ops

_LETTA_CLIENTS = ("letta_client.Letta", "letta_client.AsyncLetta")
_LETTA = loop_ops("agents.messages.create", "agents.messages.create_async", "conversations.messages.create",
                  stream=("agents.messages.stream", "agents.messages.create_stream"))

PROVIDERS = [
    agent_provider("swarm", "OpenAI Swarm",
                   client_operations={name: loop_ops("run", stream=("run_and_stream",)) for name in ("swarm.Swarm", "swarm.core.Swarm")},
                   import_roots=("swarm",), anchors=(r"from swarm import", r"\bswarm\.(?:core\.)?Swarm\b")),
    agent_provider("letta", "Letta", client_operations={name: _LETTA for name in _LETTA_CLIENTS},
                   import_roots=("letta_client",)),
]
