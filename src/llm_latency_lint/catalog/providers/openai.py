"""OpenAI and Azure OpenAI (openai-python 1.x-3.x, plus the removed 0.x module API).

Source: ../shared/reference/providers.md section 2 (openai 3.57.0); discount from the
OpenAI Batch API FAQ (help.openai.com/en/articles/9197833), checked 2026-11-25.
"""
from llm_latency_lint.catalog.providers.spec import (
    BATCH,
    FACTORY,
    POLL,
    STREAM,
    SYNC,
    Operation,
    Provider,
)

_CHAT = "/v1/chat/completions"
_RESPONSES = "/v1/responses"
_EMBEDDINGS = "/v1/embeddings"
_COMPLETIONS = "/v1/completions"
_ASSISTANTS = "Assistants API runs are not accepted by the Batch API"
_LEGACY_NOTE = "openai<1.0 API: migrate to the v1 client first"
_VIDEO = "a video job, already asynchronous on the server: no batch saving claimed"

OPERATIONS = {
    "chat.completions.create": Operation(SYNC, _CHAT),
    "chat.completions.parse": Operation(SYNC, _CHAT),
    "chat.completions.stream": Operation(STREAM, _CHAT),
    "responses.create": Operation(SYNC, _RESPONSES),
    "responses.parse": Operation(SYNC, _RESPONSES),
    "responses.stream": Operation(STREAM, _RESPONSES),
    # ``responses.compact`` (3.x) runs the model over a long conversation to shorten it; the Batch
    # API's endpoints do not list ``/v1/responses/compact``. ``conversations.*`` only store items.
    "responses.compact": Operation(SYNC, batchable=False, note="/v1/responses/compact has no batch equivalent"),
    "embeddings.create": Operation(SYNC, _EMBEDDINGS, embedding=True),
    "completions.create": Operation(SYNC, _COMPLETIONS),
    "moderations.create": Operation(SYNC, "/v1/moderations"),
    "images.generate": Operation(SYNC, "/v1/images/generations"),
    "images.edit": Operation(SYNC, "/v1/images/edits"),
    "audio.transcriptions.create": Operation(
        SYNC, batchable=False, note="audio endpoints have no batch equivalent"
    ),
    "audio.translations.create": Operation(SYNC, batchable=False, note="audio endpoints have no batch equivalent"),
    "audio.speech.create": Operation(SYNC, batchable=False, note="audio endpoints have no batch equivalent"),
    # Assistants API (``client.beta.threads...``; ``beta`` is transparent): a run is a server-side
    # loop over a thread, not a request the Batch API accepts.
    **{f"threads.{path}": Operation(SYNC, batchable=False, note=_ASSISTANTS) for path in (
        "runs.create", "runs.create_and_poll", "runs.create_and_stream", "runs.stream", "create_and_run",
        "create_and_run_poll", "create_and_run_stream", "runs.submit_tool_outputs",
        "runs.submit_tool_outputs_and_poll",
    )},
    # Video generation (``client.videos``, 2.29.0): the request starts a job on the server, polled by
    # id and downloaded when done. Already asynchronous; that the Batch API takes ``/v1/videos`` is
    # not verified, so no batch saving is claimed. Polls name no model; the download is no site.
    **{f"videos.{path}": Operation(SYNC, batchable=False, note=_VIDEO) for path in (
        "create", "create_and_poll", "remix", "edit", "extend")},
    **{f"videos.{path}": Operation(SYNC, batchable=False, note=_VIDEO, takes_model=False) for path in (
        "retrieve", "poll")},
    "batches.create": Operation(BATCH),
    "batches.retrieve": Operation(POLL),
    "batches.list": Operation(POLL),
    "files.content": Operation(POLL, batch_file_only=True),
    "files.create": Operation(BATCH, requires_kwarg=("purpose", ("batch",))),
}

_MODULE_PROXY = {f"openai.{path}": op for path, op in OPERATIONS.items()}
_LEGACY = {
    "openai.ChatCompletion.create": Operation(SYNC, _CHAT, note="openai<1.0 API: migrate to the v1 client first"),
    "openai.ChatCompletion.acreate": Operation(SYNC, _CHAT, note="openai<1.0 API: migrate to the v1 client first"),
    "openai.Completion.create": Operation(SYNC, _COMPLETIONS, note="openai<1.0 API: migrate to the v1 client first"),
    "openai.Completion.acreate": Operation(SYNC, _COMPLETIONS, note="openai<1.0 API: migrate to the v1 client first"),
    "openai.Embedding.create": Operation(
        SYNC, _EMBEDDINGS, embedding=True, note="openai<1.0 API: migrate to the v1 client first"
    ),
    "openai.Embedding.acreate": Operation(
        SYNC, _EMBEDDINGS, embedding=True, note="openai<1.0 API: migrate to the v1 client first"
    ),
    "openai.Image.create": Operation(SYNC, "/v1/images/generations", note=_LEGACY_NOTE),
    "openai.Image.acreate": Operation(SYNC, "/v1/images/generations", note=_LEGACY_NOTE),
    "openai.Moderation.create": Operation(SYNC, "/v1/moderations", note=_LEGACY_NOTE),
}
# Airflow's provider hook (apache-airflow-providers-openai): ``OpenAIHook(conn_id)``.
_AIRFLOW_HOOK = {
    "create_embeddings": Operation(SYNC, _EMBEDDINGS, embedding=True, note="Airflow OpenAIHook wraps embeddings.create"),
    "create_chat_completion": Operation(SYNC, _CHAT, note="Airflow OpenAIHook wraps chat.completions.create"),
}
# Dagster's resource (dagster-openai): ``with openai.get_client(context) as client`` yields the SDK
# client (its usage logged to the asset's metadata); ``get_client_for_asset`` the same for one asset.
_DAGSTER_RESOURCE = {name: Operation(FACTORY, returns="openai.OpenAI") for name in ("get_client", "get_client_for_asset")}

PROVIDERS = [
    Provider(
        id="openai",
        label="OpenAI",
        batch_api="Batch API",
        clients=(
            "openai.OpenAI",
            "openai.AsyncOpenAI",
            "openai.AzureOpenAI",
            "openai.AsyncAzureOpenAI",
            "openai.Client",
            "openai.AsyncClient",
            # Langfuse's drop-in wrapper is the OpenAI SDK
            "langfuse.openai.OpenAI", "langfuse.openai.AsyncOpenAI", "langfuse.openai.AzureOpenAI",
            "langfuse.openai.AsyncAzureOpenAI", "langfuse.openai.openai.OpenAI", "langfuse.openai.openai.AsyncOpenAI",
        ),
        operations=OPERATIONS,
        client_operations={
            "airflow.providers.openai.hooks.openai.OpenAIHook": _AIRFLOW_HOOK,
            "dagster_openai.OpenAIResource": _DAGSTER_RESOURCE,
        },
        module_functions={
            **_MODULE_PROXY, **_LEGACY,
            **{f"langfuse.openai.openai.{path}": op for path, op in OPERATIONS.items()},
            # instructor patches a client and returns it: the same client type, the same batch API
            **{name: Operation(FACTORY, returns="openai.OpenAI") for name in (
                "instructor.from_openai", "instructor.patch", "instructor.apatch")},
        },
        # ``from langfuse.openai import openai`` imports no ``openai`` root of its own
        import_roots=("openai", "langfuse"),
        shape_paths=frozenset({"chat.completions.parse", "chat.completions.stream", "responses.parse",
                               "responses.stream", "moderations.create", "audio.speech.create"}),
    ),
]
