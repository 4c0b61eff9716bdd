"""Ollama (``ollama`` Python library): a local model server, so no batch API and no per-token price.

``ollama.chat(...)`` / ``ollama.generate`` / ``ollama.embed`` call the default client;
``ollama.Client(host=...)`` and ``AsyncClient`` carry the same methods, also when built from the
module loaded by name (``importlib.import_module("ollama").Client(...)``: a wrapper keeping the
package optional; ``project/modules.py``). LangChain's
``ChatOllama`` is in ``langchain.py`` with ``ollama`` as its backend.
"""
from llm_latency_lint.catalog.providers.spec import SYNC, Operation, Provider

OPERATIONS = {
    "chat": Operation(SYNC),
    "generate": Operation(SYNC),
    "embed": Operation(SYNC, embedding=True),
    "embeddings": Operation(SYNC, embedding=True),
}

PROVIDERS = [
    Provider(
        id="ollama",
        label="Ollama",
        batch_api="none",
        clients=("ollama.Client", "ollama.AsyncClient", "ollama._client.Client", "ollama._client.AsyncClient"),
        operations=OPERATIONS,
        module_functions={f"ollama.{name}": op for name, op in OPERATIONS.items()},
        import_roots=("ollama",),
        batch_supported=False,
        no_batch_reason="Ollama serves a local model: there is no batch API; schedule the work off-peak instead",
    ),
]
