"""LiteLLM (``litellm`` 1.110.2): one function API in front of many providers.

Source: ../shared/reference/providers.md section 10; function names checked in the 1.110.2
wheel (``litellm/main.py``, ``utils.py``'s helpers over ``completion``, ``batches/main.py``, ``files/main.py``, ``batch_completion/main.py``,
and the typed ``Router`` stub in ``router.py``). ``endpoint`` is the OpenAI-style path that
``litellm.create_batch(endpoint=...)`` takes. The discount is the underlying provider's, chosen
by the ``model="<provider>/..."`` prefix.
"""
from llm_latency_lint.catalog.providers.spec import (
    BATCH,
    FACTORY,
    POLL,
    SYNC,
    Operation,
    Provider,
)

_CHAT = "/v1/chat/completions"
_INSTRUCTED = "instructor.Instructor#litellm"
_EMBEDDINGS = "/v1/embeddings"
_THREAD_POOL = (
    "batch_completion is a thread pool of online litellm.completion calls at full price, not a "
    "provider batch: use litellm.create_file + litellm.create_batch"
)

_ONLINE = {
    "completion": Operation(SYNC, _CHAT),
    "acompletion": Operation(SYNC, _CHAT),
    "embedding": Operation(SYNC, _EMBEDDINGS, embedding=True),
    "aembedding": Operation(SYNC, _EMBEDDINGS, embedding=True),
    "text_completion": Operation(SYNC, "/v1/completions"),
    "atext_completion": Operation(SYNC, "/v1/completions"),
    "responses": Operation(SYNC, "/v1/responses"),
    "aresponses": Operation(SYNC, "/v1/responses"),
    "image_generation": Operation(SYNC, "/v1/images/generations"),
    "aimage_generation": Operation(SYNC, "/v1/images/generations"),
    "moderation": Operation(SYNC, "/v1/moderations"),
    "amoderation": Operation(SYNC, "/v1/moderations"),
    # Helpers over ``completion`` (``litellm/utils.py``): a key check is a 10-token completion.
    "check_valid_key": Operation(SYNC, _CHAT, note="check_valid_key makes a litellm.completion call (max_tokens=10)"),
    "completion_with_retries": Operation(SYNC, _CHAT),
    "acompletion_with_retries": Operation(SYNC, _CHAT),
    "batch_completion": Operation(SYNC, _CHAT, note=_THREAD_POOL),
    "batch_completion_models": Operation(SYNC, _CHAT, note=_THREAD_POOL),
    "batch_completion_models_all_responses": Operation(SYNC, _CHAT, note=_THREAD_POOL),
}
_BATCH = {
    "create_batch": Operation(BATCH),
    "acreate_batch": Operation(BATCH),
    "create_file": Operation(BATCH, requires_kwarg=("purpose", ("batch",))),
    "acreate_file": Operation(BATCH, requires_kwarg=("purpose", ("batch",))),
    "retrieve_batch": Operation(POLL),
    "aretrieve_batch": Operation(POLL),
    "list_batches": Operation(POLL),
    "file_content": Operation(POLL, batch_file_only=True),
    "afile_content": Operation(POLL, batch_file_only=True),
}

# Methods typed on litellm.Router (the rest are served dynamically; full list UNVERIFIED).
ROUTER_OPERATIONS = {
    name: op
    for name, op in {**_ONLINE, **_BATCH}.items()
    if name
    in ("completion", "acompletion", "embedding", "aembedding", "text_completion", "atext_completion",
        "acreate_file", "acreate_batch", "aretrieve_batch")
}

PROVIDERS = [
    Provider(
        id="litellm",
        label="LiteLLM",
        batch_api="batch helpers (litellm.create_file + create_batch, the underlying provider's batch API)",
        clients=("litellm.Router", "litellm.router.Router"),
        operations=ROUTER_OPERATIONS,
        client_operations={_INSTRUCTED: {
            name: Operation(SYNC, _CHAT) for name in (
                "chat.completions.create", "create", "create_with_completion", "chat.completions.create_with_completion")
        }},
        module_functions={
            **{f"litellm.{name}": op for name, op in {**_ONLINE, **_BATCH}.items()},
            # ``instructor.from_litellm(litellm.completion)``: a client whose create() is a LiteLLM call
            "instructor.from_litellm": Operation(FACTORY, returns=_INSTRUCTED),
        },
        import_roots=("litellm",),
    ),
]
