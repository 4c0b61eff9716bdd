"""More agent runners called as libraries: one call runs a loop of dependent model requests.

Call shapes from each project's documentation; none can use a batch API (each step needs the
previous answer), so the site is reported with its spend and latency class only. Agno / phidata
and CAMEL are in ``orchestration.py``; CrewAI, openai-agents, pydantic-ai, smolagents, AutoGen and
Open Interpreter (``interpreter.chat``, ``OpenInterpreter().chat``) in ``agents.py``.

- OpenAI Swarm (``swarm.Swarm``, github.com/openai/swarm README "Running Swarm"): ``client.run(agent=...,
  messages=...)`` loops chat completions, tool calls and hand-offs (``stream=True`` streams it);
  ``run_and_stream`` is the streaming loop.
"""
from typing import Dict

from llm_latency_lint.catalog.providers.spec import STREAM, SYNC, Operation, Provider

_LOOP = "an agent run is a loop of dependent model calls: no batch API applies"


def _ops(*names: str, stream: tuple = ()) -> Dict[str, Operation]:
    ops = {name: Operation(SYNC, batchable=False, note=_LOOP) for name in names}
    ops.update({name: Operation(STREAM, batchable=False, note=_LOOP) for name in stream})
    return ops


def _agent(provider_id: str, label: str, **fields) -> Provider:
    return Provider(id=provider_id, label=label, batch_api="none", batch_supported=False,
                    no_batch_reason=f"{label}: {_LOOP}", **fields)


PROVIDERS = [
    _agent("swarm", "OpenAI Swarm",
           client_operations={name: _ops("run", stream=("run_and_stream",)) for name in ("swarm.Swarm", "swarm.core.Swarm")},
           import_roots=("swarm",), anchors=(r"from swarm import", r"\bswarm\.(?:core\.)?Swarm\b")),
]
