"""Together AI (``together`` 1.5 and 2.x/3.x).

Source: ../shared/reference/providers.md section 8 (together 3.1.1; 1.5.35 for the older
``create_batch`` / ``get_batch`` names). The 3.1.1 ``batches.create`` endpoint Literal is
chat completions and the two audio endpoints; other online calls are not batchable.
"""
from llm_latency_lint.catalog.providers.compatible import compatible_clients
from llm_latency_lint.catalog.providers.spec import (
    BATCH,
    POLL,
    SYNC,
    Operation,
    Provider,
)

_LEGACY = "together<1.0 module API: migrate to together.Together() first"
_NOT_IN_BATCH = "not in Together's batches.create endpoint Literal (together 3.1.1)"

OPERATIONS = {
    "chat.completions.create": Operation(SYNC, "/v1/chat/completions"),
    "audio.transcriptions.create": Operation(SYNC, "/v1/audio/transcriptions"),
    "audio.translations.create": Operation(SYNC, "/v1/audio/translations"),
    "completions.create": Operation(SYNC, batchable=False, note=_NOT_IN_BATCH),
    "embeddings.create": Operation(SYNC, embedding=True, batchable=False, note=_NOT_IN_BATCH),
    "images.generate": Operation(SYNC, batchable=False, note=_NOT_IN_BATCH),
    "rerank.create": Operation(SYNC, batchable=False, note=_NOT_IN_BATCH),
    "batches.create": Operation(BATCH),
    "batches.retrieve": Operation(POLL),
    "batches.list": Operation(POLL),
    # together 1.x
    "batches.create_batch": Operation(BATCH),
    "batches.get_batch": Operation(POLL),
    "batches.list_batches": Operation(POLL),
    "files.upload": Operation(BATCH, requires_kwarg=("purpose", ("batch-api",))),
    "files.content": Operation(POLL, batch_file_only=True),
    "files.retrieve_content": Operation(POLL, batch_file_only=True, note="together 1.x; signature UNVERIFIED"),
}

PROVIDERS = [
    Provider(
        id="together",
        label="Together AI",
        batch_api="Batch API",
        clients=(
            "together.Together", "together.AsyncTogether", "together.Client", "together.AsyncClient",
            *compatible_clients("together"),
        ),
        # together<1.0 module API: ``together.Complete.create(prompt, model=...)``.
        module_functions={
            "together.Complete.create": Operation(SYNC, batchable=False, note=_LEGACY),
            "together.Completion.create": Operation(SYNC, batchable=False, note=_LEGACY),
            "together.Embeddings.create": Operation(SYNC, embedding=True, batchable=False, note=_LEGACY),
        },
        operations=OPERATIONS,
        import_roots=("together",),
    ),
]
