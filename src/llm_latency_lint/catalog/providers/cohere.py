"""Cohere (``cohere`` 7.3.1: v1 ``Client`` and v2 ``ClientV2``, sync and async).

Source: ../shared/reference/providers.md section 9; method names checked in the 7.3.1 wheel.
Batches read an uploaded dataset (``datasets.create(type="batch-...")``), so there is no
per-request endpoint path to record. ``datasets.create`` itself is left out: datasets also feed
fine-tuning, and the call-site facts keep only a ``purpose=`` literal, not ``type=``, so
``requires_kwarg`` cannot tell a batch-input dataset from a fine-tune one.
"""
from llm_latency_lint.catalog.providers.spec import (
    BATCH,
    POLL,
    STREAM,
    SYNC,
    Operation,
    Provider,
)

_LEGACY = "legacy generate endpoint: Cohere batches take chat requests, move to chat first"

OPERATIONS = {
    "chat": Operation(SYNC),
    "chat_stream": Operation(STREAM),
    "embed": Operation(SYNC, embedding=True, note="embed_jobs.create or a batch-embed-v2-input batch"),
    "generate": Operation(SYNC, batchable=False, note=_LEGACY),
    "generate_stream": Operation(STREAM, batchable=False, note=_LEGACY),
    "rerank": Operation(SYNC, batchable=False, note="rerank has no batch equivalent"),
    "summarize": Operation(SYNC, batchable=False, note="legacy summarize endpoint (cohere<5): no batch equivalent"),
    "batches.create": Operation(BATCH),
    "batches.retrieve": Operation(POLL),
    "batches.list": Operation(POLL),
    "embed_jobs.create": Operation(BATCH),
    "embed_jobs.get": Operation(POLL),
    "embed_jobs.list": Operation(POLL),
}

PROVIDERS = [
    Provider(
        id="cohere",
        label="Cohere",
        batch_api="Batch API (batches.create, or embed_jobs.create for embeddings)",
        clients=(
            "cohere.Client", "cohere.ClientV2", "cohere.AsyncClient", "cohere.AsyncClientV2",
            "cohere.client.Client", "cohere.client_v2.ClientV2",
        ),
        # Airflow's provider hook: ``CohereHook(conn_id).create_embeddings(texts)`` / ``.get_conn``.
        client_operations={
            "airflow.providers.cohere.hooks.cohere.CohereHook": {
                "create_embeddings": Operation(SYNC, embedding=True, note="Airflow CohereHook wraps Client.embed"),
            },
        },
        operations=OPERATIONS,
        import_roots=("cohere",),
    ),
]
