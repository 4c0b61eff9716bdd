"""LM Studio's Python SDK (``lmstudio``): a local model server, so no batch API and no per-token price.

The convenience API's ``lms.llm(key)`` / ``lms.embedding_model(key)`` return handles on the default
client; a scoped ``lms.Client()`` (or ``get_default_client()``) and the ``AsyncClient`` reach the same
handles through ``client.llm.model(key)``, ``client.llm.load_new_instance(key)`` and
``client.embedding.model(key)``. An LLM handle's ``respond`` / ``complete`` (``*_stream`` too) and
``act`` (an agent loop of several predictions) ask the model; an embedding handle's ``embed`` embeds;
``tokenize`` and ``count_tokens`` only count (lmstudio.ai/docs/python, lmstudio-ai/lmstudio-python
``sync_api.py`` / ``async_api.py``). The SDK's OpenAI-compatible server is ``compatible.py``'s.
"""
from typing import Dict

from llm_latency_lint.catalog.providers.spec import (
    FACTORY,
    STREAM,
    SYNC,
    Operation,
    Provider,
)

_LLM = "lmstudio.LLM"
_ASYNC_LLM = "lmstudio.AsyncLLM"
_EMBED = "lmstudio.EmbeddingModel"
_ASYNC_EMBED = "lmstudio.AsyncEmbeddingModel"

_LLM_OPS = {
    "respond": Operation(SYNC),
    "complete": Operation(SYNC),
    "act": Operation(SYNC, note="an agent loop: one prediction per round until the model stops calling tools"),
    "respond_stream": Operation(STREAM),
    "complete_stream": Operation(STREAM),
}
_EMBED_OPS = {"embed": Operation(SYNC, embedding=True)}


def _client(llm: str, embed: str) -> Dict[str, Operation]:
    """A client's namespaces: each builds (or finds loaded) the handle a request is made on
    (``model`` is too common a word to make a candidate of every call: ``qualified_only``)."""
    return {
        "llm.model": Operation(FACTORY, returns=llm, qualified_only=True),
        "llm.load_new_instance": Operation(FACTORY, returns=llm),
        "embedding.model": Operation(FACTORY, returns=embed, qualified_only=True),
        "embedding.load_new_instance": Operation(FACTORY, returns=embed),
    }


PROVIDERS = [
    Provider(
        id="lmstudio",
        label="LM Studio",
        batch_api="none",
        client_operations={
            "lmstudio.Client": _client(_LLM, _EMBED),
            "lmstudio.AsyncClient": _client(_ASYNC_LLM, _ASYNC_EMBED),
            _LLM: _LLM_OPS, _ASYNC_LLM: _LLM_OPS,
            _EMBED: _EMBED_OPS, _ASYNC_EMBED: _EMBED_OPS,
        },
        module_functions={
            "lmstudio.llm": Operation(FACTORY, returns=_LLM, qualified_only=True),  # ``llm``: too common a word
            "lmstudio.embedding_model": Operation(FACTORY, returns=_EMBED),
            "lmstudio.get_default_client": Operation(FACTORY, returns="lmstudio.Client"),
        },
        import_roots=("lmstudio",),
        batch_supported=False,
        no_batch_reason="LM Studio serves a local model: there is no batch API; schedule the work off-peak instead",
    ),
]
