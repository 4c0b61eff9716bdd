"""Google: the Gen AI SDK (``google-genai``), the Vertex AI SDK (``vertexai``) and the legacy
``google-generativeai`` package, one Provider each (their batch stories differ).

Source: ../shared/reference/providers.md section 4 (google-genai 3.6.1, google-cloud-aiplatform
2.7.0, google-generativeai 0.8.6; class and method names checked in the installed wheels).
``client.aio.models.*`` reaches the same entries because ``aio`` is a transparent segment.

import_roots: the graph intersects them with the *first segment* of each import, so all three
packages share the ``google`` root (vertexai has its own). That root is broad (google.cloud.*,
google.protobuf), so the untyped-receiver fallback stays precise only through its paths: two or
more segments (``models.generate_content``, ``batches.get``) naming exactly one operation among
the providers a file imports. The prefilter does not use the root: ``anchors`` name the modules
(``google.genai``, ``from google import genai``, ``google.generativeai``), so a file that only
imports google.protobuf or google.cloud.storage is not worth parsing on its own.
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

_MULTI_TURN = "a chat session is multi-turn: only a turn whose full history is known can be batched"
_NOT_IN_BATCH = "not covered by batches.create (UNVERIFIED)"
_LONG_RUNNING = "a long-running operation, already asynchronous: not covered by batches.create, no batch saving claimed"
_GENAI_CHAT = "google.genai.chats.Chat"
# The prefilter's anchors: google.protobuf, google.cloud.storage and the like call no model.
_GENAI_ANCHORS = (r"google\.genai\b", r"from[ \t]+google[ \t]+import[^\n]*\bgenai\b")
_LEGACY_ANCHORS = (r"google\.generativeai\b", r"from[ \t]+google[ \t]+import[^\n]*\bgenerativeai\b")

GENAI_OPERATIONS = {
    "models.generate_content": Operation(SYNC),
    "models.generate_content_stream": Operation(STREAM),
    "models.embed_content": Operation(
        SYNC, embedding=True, note="batch with client.batches.create_embeddings (Gemini API only)"
    ),
    "models.generate_images": Operation(SYNC, batchable=False, note=_NOT_IN_BATCH),
    "models.edit_image": Operation(SYNC, batchable=False, note=_NOT_IN_BATCH),
    "models.upscale_image": Operation(SYNC, batchable=False, note=_NOT_IN_BATCH),
    # Veo: a long-running operation the caller polls (``operations.get(operation)``, no model named)
    "models.generate_videos": Operation(SYNC, batchable=False, note=_LONG_RUNNING),
    "operations.get": Operation(SYNC, batchable=False, note=_LONG_RUNNING, takes_model=False),
    "chats.create": Operation(FACTORY, returns=_GENAI_CHAT),
    # Interactions API (google-genai 3.x, ``client.interactions.create(model= or agent=, input=)``)
    "interactions.create": Operation(SYNC, batchable=False, note="the Interactions API: " + _NOT_IN_BATCH),
    # ``interactions.get(id)`` polls a background interaction (Deep Research, ``background=True``):
    # polling a long-running job is a site (label policy 9); ``cancel`` / ``delete`` are not.
    "interactions.get": Operation(SYNC, batchable=False, note=_LONG_RUNNING, takes_model=False),
    "batches.create": Operation(BATCH),
    "batches.create_embeddings": Operation(BATCH),
    "batches.get": Operation(POLL),
    "batches.list": Operation(POLL),
}

GENAI_CHAT_OPERATIONS = {
    "send_message": Operation(SYNC, batchable=False, note=_MULTI_TURN),
    "send_message_stream": Operation(STREAM, batchable=False, note=_MULTI_TURN),
}

_VERTEX_DEPRECATED = "vertexai.generative_models is deprecated (removal announced for 2026-06-24)"
_VERTEX_MODEL = {
    "generate_content": Operation(SYNC, note=_VERTEX_DEPRECATED),
    "generate_content_async": Operation(SYNC, note=_VERTEX_DEPRECATED),
}
_VERTEX_CHAT = {
    "send_message": Operation(SYNC, batchable=False, note=_MULTI_TURN),
    "send_message_async": Operation(SYNC, batchable=False, note=_MULTI_TURN),
}

_LEGACY_NOTE = "google-generativeai has no batch API: migrate to google-genai and use client.batches"
_PALM_NOTE = "PaLM API (google-generativeai<0.8): models retired, migrate to google-genai"
_LEGACY_MODEL = {
    "generate_content": Operation(SYNC, note=_LEGACY_NOTE),
    "generate_content_async": Operation(SYNC, note=_LEGACY_NOTE),
    "start_chat": Operation(FACTORY, returns="google.generativeai.ChatSession"),
}
_LEGACY_CHAT = {
    "send_message": Operation(SYNC, batchable=False, note=_MULTI_TURN),
    "send_message_async": Operation(SYNC, batchable=False, note=_MULTI_TURN),
}
_DAGSTER_RESOURCE = {name: Operation(FACTORY, returns="google.generativeai.GenerativeModel")
                     for name in ("get_model", "get_model_for_asset")}

# Imagen through the Vertex AI SDK (``vertexai.vision_models``, GA and preview):
# ``ImageGenerationModel.from_pretrained("imagen-3.0-generate-002").generate_images(prompt=...)``.
_VERTEX_IMAGE_MODELS = ("vertexai.vision_models.ImageGenerationModel",
                        "vertexai.preview.vision_models.ImageGenerationModel")
_VERTEX_IMAGE = {name: Operation(SYNC, batchable=False, note="Imagen requests: no batch API in the Vertex AI SDK")
                 for name in ("generate_images", "edit_image", "upscale_image")}

PROVIDERS = [
    Provider(
        id="google",
        label="Google Gen AI",
        batch_api="batch mode (client.batches.create)",
        clients=("google.genai.Client", "google.genai.client.Client"),
        operations=GENAI_OPERATIONS,
        client_operations={_GENAI_CHAT: GENAI_CHAT_OPERATIONS},
        import_roots=("google",),
        anchors=_GENAI_ANCHORS,
        shape_paths=frozenset(p for p in GENAI_OPERATIONS if p.startswith("models.")),
    ),
    Provider(
        id="vertexai",
        label="Vertex AI SDK",
        batch_api="batch prediction (BatchPredictionJob.submit)",
        client_operations={
            "vertexai.generative_models.GenerativeModel": {
                **_VERTEX_MODEL,
                "start_chat": Operation(FACTORY, returns="vertexai.generative_models.ChatSession"),
            },
            "vertexai.preview.generative_models.GenerativeModel": {
                **_VERTEX_MODEL,
                "start_chat": Operation(FACTORY, returns="vertexai.preview.generative_models.ChatSession"),
            },
            **{model: _VERTEX_IMAGE for model in _VERTEX_IMAGE_MODELS},
            "vertexai.generative_models.ChatSession": _VERTEX_CHAT,
            "vertexai.preview.generative_models.ChatSession": _VERTEX_CHAT,
            "vertexai.language_models.TextEmbeddingModel": {
                "get_embeddings": Operation(
                    SYNC, embedding=True, note="Vertex batch prediction for embedding models (UNVERIFIED)"
                ),
                "get_embeddings_async": Operation(
                    SYNC, embedding=True, note="Vertex batch prediction for embedding models (UNVERIFIED)"
                ),
            },
        },
        module_functions={
            **{f"{model}.from_pretrained": Operation(FACTORY, returns=model) for model in _VERTEX_IMAGE_MODELS},
            "vertexai.batch_prediction.BatchPredictionJob.submit": Operation(BATCH),
            "vertexai.language_models.TextEmbeddingModel.from_pretrained": Operation(
                FACTORY, returns="vertexai.language_models.TextEmbeddingModel"
            ),
        },
        import_roots=("vertexai",),
    ),
    Provider(
        id="google-generativeai",
        label="Gemini API (legacy SDK)",
        batch_api="batch mode, after moving to google-genai client.batches (google-generativeai has none)",
        client_operations={
            "google.generativeai.GenerativeModel": _LEGACY_MODEL,
            "google.generativeai.generative_models.GenerativeModel": _LEGACY_MODEL,
            "google.generativeai.ChatSession": _LEGACY_CHAT,
            # Dagster's resource (dagster-gemini, formerly dagster-contrib-gemini):
            # ``with gemini.get_model(context) as model`` yields a ``GenerativeModel``
            **{f"{package}.GeminiResource": _DAGSTER_RESOURCE for package in ("dagster_gemini", "dagster_contrib_gemini")},
        },
        module_functions={
            "google.generativeai.embed_content": Operation(SYNC, embedding=True, note=_LEGACY_NOTE),
            "google.generativeai.embed_content_async": Operation(SYNC, embedding=True, note=_LEGACY_NOTE),
            "google.generativeai.generate_text": Operation(SYNC, batchable=False, note=_PALM_NOTE),
            "google.generativeai.generate_embeddings": Operation(
                SYNC, embedding=True, batchable=False, note=_PALM_NOTE
            ),
        },
        import_roots=("google",),
        anchors=_LEGACY_ANCHORS,
        # ``genai.embed_content(model=..., content=...)`` on a receiver the code lost track of (the
        # module passed in, or ``genai.get_embedding_model(...)``, which the SDK lacks): no other
        # SDK names a method so; ``generate_content`` takes no model on a ``GenerativeModel``
        shape_paths=frozenset({"embed_content"}),
    ),
]
