"""Mistral (``mistralai`` 0.4 legacy, 1.x, 2.x/3.x).

Source: ../shared/reference/providers.md section 6 (mistralai 3.7.0, 1.9.11, 0.4.2; method
names checked in the 3.7.0 wheel). The import path moved across majors: 1.x exports
``mistralai.Mistral``, 2.x+ ``mistralai.client.Mistral``, and 0.x had
``mistralai.client.MistralClient``. Every 1.x+ method has an ``*_async`` twin on the same object.
The Agents / Conversations API (``client.beta.conversations``, 1.8+; ``beta`` is transparent) and
the Responses and audio APIs (``client.responses``, ``client.audio``, 3.x) run the model too (3.7.0 wheel:
``client/conversations.py``, ``client/responses.py``); the batch ``APIEndpoint`` literal lists
``/v1/conversations`` but not ``/v1/responses``.
"""
from typing import Dict

from llm_latency_lint.catalog.providers.spec import (
    BATCH,
    POLL,
    STREAM,
    SYNC,
    Operation,
    Provider,
)

_CHAT = "/v1/chat/completions"
_FIM = "/v1/fim/completions"
_EMBEDDINGS = "/v1/embeddings"


def _with_async(ops: Dict[str, Operation]) -> Dict[str, Operation]:
    """``chat.complete`` -> also ``chat.complete_async`` (same request, awaited)."""
    twins = {f"{path}_async": op for path, op in ops.items()}
    return {**ops, **twins}


_ONLINE = _with_async(
    {
        "chat.complete": Operation(SYNC, _CHAT),
        "chat.stream": Operation(STREAM, _CHAT),
        "chat.parse": Operation(SYNC, _CHAT, note="structured output: put response_format in the body by hand"),
        "chat.parse_stream": Operation(STREAM, _CHAT),
        "embeddings.create": Operation(SYNC, _EMBEDDINGS, embedding=True),
        "fim.complete": Operation(SYNC, _FIM),
        "fim.stream": Operation(STREAM, _FIM),
        "classifiers.moderate": Operation(SYNC, "/v1/moderations"),
        "classifiers.moderate_chat": Operation(SYNC, "/v1/chat/moderations"),
        "classifiers.classify": Operation(SYNC, "/v1/classifications"),
        "classifiers.classify_chat": Operation(SYNC, "/v1/chat/classifications"),
        "ocr.process": Operation(SYNC, "/v1/ocr"),
        "agents.complete": Operation(
            SYNC, note="batch with batch.jobs.create(agent_id=...); the line endpoint is UNVERIFIED"
        ),
        "agents.stream": Operation(
            STREAM, note="batch with batch.jobs.create(agent_id=...); the line endpoint is UNVERIFIED"
        ),
    }
)

_CONVERSATIONS = "/v1/conversations"
_STORED = ("continues a conversation stored on Mistral's servers (conversation_id): a batch line of "
           "/v1/conversations starts a new one, with the history in its inputs")
_RUN = "run_async / run_stream_async loop over tool calls in the client: only single turns batch"
_CONVERSATION_OPS = _with_async(
    {
        "conversations.start": Operation(SYNC, _CONVERSATIONS),
        "conversations.start_stream": Operation(STREAM, _CONVERSATIONS),
        **{f"conversations.{verb}": Operation(SYNC, batchable=False, note=_STORED, takes_model=False)
           for verb in ("append", "restart")},
        **{f"conversations.{verb}_stream": Operation(STREAM, batchable=False, note=_STORED, takes_model=False)
           for verb in ("append", "restart")},
        "responses.create": Operation(
            SYNC, batchable=False, note="the Batch API's endpoints (mistralai 3.7.0) do not list /v1/responses"),
        # ``client.audio`` (3.x): transcriptions batch as /v1/audio/transcriptions; speech does not
        "audio.transcriptions.complete": Operation(SYNC, "/v1/audio/transcriptions"),
        "audio.transcriptions.stream": Operation(STREAM, "/v1/audio/transcriptions"),
        "audio.speech.complete": Operation(
            SYNC, batchable=False, note="the Batch API's endpoints (mistralai 3.7.0) do not list /v1/audio/speech"),
    }
)

OPERATIONS = {
    **_ONLINE,
    **_CONVERSATION_OPS,
    "conversations.run_async": Operation(SYNC, batchable=False, note=_RUN),
    "conversations.run_stream_async": Operation(STREAM, batchable=False, note=_RUN),
    "batch.jobs.create": Operation(BATCH),
    "batch.jobs.get": Operation(POLL),
    "batch.jobs.list": Operation(POLL),
    "files.upload": Operation(BATCH, requires_kwarg=("purpose", ("batch",))),
    "files.download": Operation(POLL, batch_file_only=True),
}

_LEGACY_NOTE = "mistralai<1.0 has no batch API: migrate to the 1.x+ Mistral client first"
LEGACY_OPERATIONS = {
    "chat": Operation(SYNC, _CHAT, note=_LEGACY_NOTE),
    "chat_stream": Operation(STREAM, _CHAT, note=_LEGACY_NOTE),
    "embeddings": Operation(SYNC, _EMBEDDINGS, embedding=True, note=_LEGACY_NOTE),
    "completion": Operation(SYNC, _FIM, note=_LEGACY_NOTE),
    "completion_stream": Operation(STREAM, _FIM, note=_LEGACY_NOTE),
}

# MistralAzure / MistralGCP expose only chat and ocr (3.7.0 wheel): no batch resource.
_CLOUD_OPERATIONS = {path: op for path, op in _ONLINE.items() if path.split(".")[0] in ("chat", "ocr")}
_CLOUD_REFUSAL = "{} has no batch resource (mistralai 3.7.0): batch through the Mistral API or the cloud's own batch service"

PROVIDERS = [
    Provider(
        id="mistral",
        label="Mistral AI",
        batch_api="Batch API (batch.jobs.create)",
        clients=(
            "mistralai.Mistral",  # 1.x
            "mistralai.sdk.Mistral",
            "mistralai.client.Mistral",  # 2.x / 3.x
            "mistralai.client.sdk.Mistral",
        ),
        operations=OPERATIONS,
        client_operations={
            "mistralai.client.MistralClient": LEGACY_OPERATIONS,  # 0.x
            "mistralai.async_client.MistralAsyncClient": LEGACY_OPERATIONS,
            "mistralai.azure.client.MistralAzure": _CLOUD_OPERATIONS,
            "mistralai.gcp.client.MistralGCP": _CLOUD_OPERATIONS,
        },
        import_roots=("mistralai",),
        # fill-in-the-middle is Mistral's own; ``chat.complete``, ``ocr.process``, ``agents.complete``
        # are words any project's objects take: they need ``mistralai`` imported (``match_shape``)
        shape_paths=frozenset({"fim.complete", "fim.complete_async", "fim.stream", "fim.stream_async"}),
        client_refusals={
            "mistralai.azure.client.MistralAzure": _CLOUD_REFUSAL.format("MistralAzure"),
            "mistralai.gcp.client.MistralGCP": _CLOUD_REFUSAL.format("MistralGCP"),
        },
    ),
]
