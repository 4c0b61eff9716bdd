"""Simon Willison's ``llm`` library (``llm`` 0.2x on PyPI): one Python API over every model its
plugins add (llm.datasette.io/en/stable/python-api.html).

``llm.get_model(name)`` / ``llm.get_async_model(name)`` return a model; ``model.prompt(...)`` sends
the request (its ``Response`` is lazy: the request goes out when ``text()`` is read, but the site is
the prompt call); a conversation (``llm.Conversation``, annotated) has the same ``prompt``. Not
catalogued: ``model.chain(...)`` (tool loops) and the factory ``model.conversation()``: as method
names they would make every call of an object kept under that name (a LangChain chain called whole,
``st.session_state.conversation({...})``) read as that method. ``llm.get_embedding_model(name)`` returns an
embedding model (``embed``, ``embed_multi``, ``embed_batch``); an ``llm.Collection`` embeds with its
model (``embed``, ``embed_multi``, ``similar`` embeds the query).

The library has no batch API of its own: which provider's batch API applies depends on the model.
A literal model id names it (``model_families``: ``gpt-4o-mini`` is OpenAI's, ``claude-3.5-sonnet``
Anthropic's, ``gemini-2.0-flash`` Google's), and the finding says to move those requests to that
provider's batch API through its SDK, as for LangChain's model classes; an id read at run time
(a CLI option, the configuration) leaves the backend unknown, and no saving is counted.
"""
from typing import Dict

from llm_latency_lint.catalog.providers.spec import FACTORY, SYNC, Operation, Provider

# factory -> (the model it returns, that model's conversation type)
_FACTORIES = {"llm.get_model": ("llm.Model", "llm.Conversation"),
              "llm.get_async_model": ("llm.AsyncModel", "llm.AsyncConversation")}
_EMBED_FACTORY = "llm.get_embedding_model"
# Model id prefixes as llm and its plugins spell them (built-in OpenAI models and their aliases,
# llm-anthropic, llm-gemini, llm-mistral, llm-groq); first match wins, "" names no provider (an
# Ollama tag such as ``gpt-oss:20b`` through llm-ollama). An id no prefix names has no backend.
FAMILIES = (
    ("gpt-oss", ""),
    ("gpt-", "openai"), ("gpt4", "openai"), ("chatgpt", "openai"), ("4o", "openai"), ("4.1", "openai"),
    ("o1", "openai"), ("o3", "openai"), ("o4", "openai"), ("openai/", "openai"),
    ("text-embedding-3", "openai"), ("text-embedding-ada", "openai"), ("3-small", "openai"), ("3-large", "openai"),
    ("ada-002", "openai"),
    ("claude", "anthropic"), ("anthropic/", "anthropic"),
    ("gemini", "google"), ("text-embedding-004", "google"),
    ("mistral", "mistral"), ("codestral", "mistral"),
    ("groq", "groq"),
)
_NO_BATCH = ("the llm library has no batch API; which provider's batch API applies depends on the "
             "configured model (call that provider's SDK batch API)")

_CHAT: Dict[str, Operation] = {"prompt": Operation(SYNC)}
_EMBED = {name: Operation(SYNC, embedding=True) for name in ("embed", "embed_multi", "embed_batch")}
_COLLECTION = {name: Operation(SYNC, embedding=True) for name in ("embed", "embed_multi", "embed_multi_with_metadata",
                                                                  "similar")}


def _typed(family: str) -> Dict[str, Dict[str, Operation]]:
    """The clients a factory called with a model id of ``family`` makes (``llm.get_model#openai``)."""
    found = {f"{factory}#{family}": _CHAT for factory in _FACTORIES}
    found[f"{_EMBED_FACTORY}#{family}"] = _EMBED
    return found


_FAMILY_IDS = sorted({pid for _, pid in FAMILIES if pid})
_CLIENTS = {
    **{model: _CHAT for model, _ in _FACTORIES.values()},
    **{conversation: _CHAT for _, conversation in _FACTORIES.values()},
    "llm.EmbeddingModel": _EMBED,
    "llm.Collection": _COLLECTION,
    **{client: ops for family in _FAMILY_IDS for client, ops in _typed(family).items()},
}

PROVIDERS = [
    Provider(
        id="llm",
        label="llm library",
        batch_api="none",
        client_operations=_CLIENTS,
        module_functions={
            **{factory: Operation(FACTORY, returns=model) for factory, (model, _) in _FACTORIES.items()},
            _EMBED_FACTORY: Operation(FACTORY, returns="llm.EmbeddingModel"),
        },
        import_roots=("llm",),
        # ``llm`` is a common name for a project's own module: the library's factories anchor, not its import
        anchors=(r"\bllm\.get_(?:async_|embedding_)?model\b",
                 r"^[ \t]*from[ \t]+llm[ \t]+import[^\n]*\bget_(?:async_|embedding_)?model\b"),
        batch_supported=False,
        no_batch_reason=_NO_BATCH,
        backends={client: family for family in _FAMILY_IDS for client in _typed(family)},
        model_factories=(*_FACTORIES, _EMBED_FACTORY),
        model_families=FAMILIES,
    ),
]
