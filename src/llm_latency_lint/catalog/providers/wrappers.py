"""Third-party LLM wrapper packages: small libraries that hold a provider's client and send its
requests from their own methods, so the project's code calls the wrapper, never the SDK.

Whether a table of such packages is worth keeping (issue 15): a wrapper the catalog does not know
hides every request made through it, and the shapes are few and stable (one class and a method or
``__call__``, or a prompt decorator), so each costs a few lines here. Only packages whose call
shapes were read in their own documentation are listed, each with the provider it wraps where it
wraps one (``backends``: the provider's batch API is one rewrite away), none where the model string
picks it. Marvin, Outlines, Mirascope, magentic and Guidance are in ``orchestration.py`` and
``frameworks.py``; instructor and ``openai_function_call`` (its old name) patch the OpenAI client,
whose own calls are the sites. A one-author package used by one repository (``py-gpt-interface``'s
``GptInterface.say``) is not listed: the project declares it instead (``wrappers`` in
``[tool.llm-latency-lint]``), which the audit suggests for a call it cannot type.

- simpleaichat (pypi.org/project/simpleaichat): ``ai = AIChat(...)``; ``ai("prompt")`` and
  ``ai.stream("prompt")`` post to OpenAI's chat completions API (``AsyncAIChat`` alike).
- ell (pypi.org/project/ell-ai, docs.ell.so): ``@ell.simple(model="gpt-4o")`` and ``@ell.complex(...)``
  make the decorated function a language model program: each call is one request; the provider
  follows the model name (OpenAI's client by default).
- Langroid (langroid.github.io/langroid/quick-start/chat-agent): ``ChatAgent.llm_response`` sends
  the message to the agent's LLM; ``Task(agent).run()`` loops over dependent responses.
- unstructured's embedding encoders (unstructured-io.github.io/unstructured/core/embedding.html):
  ``OpenAIEmbeddingEncoder(config=OpenAIEmbeddingConfig(...)).embed_documents(elements=...)`` embeds
  the elements through OpenAI's embeddings API, ``embed_query(text)`` one text. Only
  ``unstructured.embed`` anchors it: the package's partitioning calls no model API.
"""
from __future__ import annotations

from typing import Dict

from llm_latency_lint.catalog.providers.agents import LOOP as _LOOP
from llm_latency_lint.catalog.providers.spec import STREAM, SYNC, Operation, Provider

_NO_BATCH = "no batch API: each call is an online request; for scheduled work call the provider SDK's batch API"
_DECORATED = "the decorated function sends one model request per call"

_SIMPLEAI = {"__call__": Operation(SYNC), "stream": Operation(STREAM)}
_SIMPLEAI_CLASSES = tuple(f"simpleaichat.{m}{c}" for m in ("", "chatgpt.") for c in ("AIChat", "AsyncAIChat"))
_ELL = {f"ell.{d}": Operation(SYNC, note=_DECORATED) for d in ("simple", "complex")}
_LANGROID_AGENT = {name: Operation(SYNC) for name in ("llm_response", "llm_response_async", "llm_response_forget",
                                                      "llm_response_forget_async")}
_LANGROID_TASK = {name: Operation(SYNC, batchable=False, note=_LOOP) for name in ("run", "run_async")}
_UNSTRUCTURED = {"unstructured.embed.openai.OpenAIEmbeddingEncoder": {
    m: Operation(SYNC, embedding=True) for m in ("embed_documents", "embed_query")}}
_LANGROID: Dict[str, Dict[str, Operation]] = {
    **{f"langroid.{m}ChatAgent": _LANGROID_AGENT for m in ("", "agent.", "agent.chat_agent.")},
    **{f"langroid.{m}Task": _LANGROID_TASK for m in ("", "agent.", "agent.task.")},
}


def _wrapper(provider_id: str, label: str, reason: str = _NO_BATCH, **fields) -> Provider:
    return Provider(id=provider_id, label=label, batch_api="none", batch_supported=False,
                    no_batch_reason=f"{label}: {reason}", **fields)


PROVIDERS = [
    _wrapper("simpleaichat", "simpleaichat", client_operations={c: _SIMPLEAI for c in _SIMPLEAI_CLASSES},
             backends=dict.fromkeys(_SIMPLEAI_CLASSES, "openai"), import_roots=("simpleaichat",)),
    _wrapper("ell", "ell", module_functions=_ELL, anchors=(r"import ell\b", r"from ell\b")),
    _wrapper("langroid", "Langroid", client_operations=_LANGROID, import_roots=("langroid",)),
    _wrapper("unstructured-embed", "unstructured embedding encoders", client_operations=_UNSTRUCTURED,
             backends=dict.fromkeys(_UNSTRUCTURED, "openai"), import_roots=("unstructured",),
             anchors=(r"unstructured\.embed\b",)),
]
