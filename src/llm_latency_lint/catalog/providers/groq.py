"""Groq (``groq`` 1.7.0, Stainless-generated and OpenAI-shaped).

Source: ../shared/reference/providers.md section 7. ``batches.create`` takes
``endpoint: Literal["/v1/chat/completions"]`` only, so other online calls are not batchable.
"""
from llm_latency_lint.catalog.providers.compatible import compatible_clients
from llm_latency_lint.catalog.providers.spec import (
    BATCH,
    POLL,
    SYNC,
    Operation,
    Provider,
)

_ONLY_CHAT = "Groq batches accept only /v1/chat/completions (groq 1.7.0 endpoint Literal)"

OPERATIONS = {
    "chat.completions.create": Operation(SYNC, "/v1/chat/completions"),
    "embeddings.create": Operation(SYNC, embedding=True, batchable=False, note=_ONLY_CHAT),
    "audio.transcriptions.create": Operation(SYNC, batchable=False, note=_ONLY_CHAT),
    "audio.translations.create": Operation(SYNC, batchable=False, note=_ONLY_CHAT),
    "batches.create": Operation(BATCH),
    "batches.retrieve": Operation(POLL),
    "batches.list": Operation(POLL),
    "files.create": Operation(BATCH, requires_kwarg=("purpose", ("batch",))),
    "files.content": Operation(POLL, batch_file_only=True),
}

PROVIDERS = [
    Provider(
        id="groq",
        label="Groq",
        batch_api="Batch API",
        clients=("groq.Groq", "groq.AsyncGroq", "groq.Client", "groq.AsyncClient", *compatible_clients("groq")),
        operations=OPERATIONS,
        import_roots=("groq",),
    ),
]
