"""OpenAI and Azure OpenAI: batch rewrite (LLM001), flex tier and Responses background window
(LLM001/LLM002, ``fixes/background.py``) and needless-stream rewrite (LLM004).

SDK facts checked with ``inspect`` against openai 3.57.0 (see also ../shared/reference/providers.md
section 2): ``files.create(*, file, purpose)`` accepts ``(name, bytes)``; ``batches.create(*,
completion_window: Literal["24h"], endpoint: Literal[...], input_file_id)``; ``batches.retrieve``
and ``batches.cancel`` take the id; ``files.content(id)`` returns ``HttpxBinaryResponseContent``
whose ``.text`` is a property (awaited on ``AsyncOpenAI``); ``Batch.status`` is one of
validating, failed, in_progress, finalizing, completed, expired, cancelling, cancelled. Output
lines are ``{"custom_id", "response": {"status_code", "body"}, "error"}``; failed and expired
requests land in the error file. Create calls take keyword arguments only.
"""
from __future__ import annotations

from typing import Dict

import libcst as cst

from llm_latency_lint.catalog.tiers import tier
from llm_latency_lint.fixes.background import BackgroundFixer
from llm_latency_lint.fixes.base import Refuse, SiteContext
from llm_latency_lint.fixes.batch import BatchFixer, Client, Endpoint, catalog_endpoint
from llm_latency_lint.fixes.flex import FlexFixer
from llm_latency_lint.fixes.providers import _openai_shaped as openai_shaped
from llm_latency_lint.fixes.stream import ChunkShape, StreamFixer

SDK = openai_shaped.Sdk(
    module="openai",
    label="OpenAI",
    client="OpenAI",
    async_client="AsyncOpenAI",
    error="OpenAIError",
    text_access=".text",  # HttpxBinaryResponseContent.text is a property
    http_access=".response",  # HttpxBinaryResponseContent.response
    endpoints=tuple(catalog_endpoint("openai", op) for op in (
        "chat.completions.create", "responses.create", "embeddings.create", "completions.create")),
    # batches.create docstring (openai 3.57.0, also 2.48.0): "The file can contain up to 50,000
    # requests, and can be up to 200 MB in size"; "/v1/embeddings batches are also restricted to a
    # maximum of 50,000 embedding inputs across all requests". Azure allows 100,000 requests per
    # file (learn.microsoft.com batch docs), so OpenAI's lower figure serves both.
    limits=openai_shaped.Limits(
        50_000, "openai batches.create docstring", 200_000_000, "openai batches.create docstring", max_embedding_inputs=50_000,
    ),
)
SYNC_HELPER = openai_shaped.helper(SDK)
ASYNC_HELPER = openai_shaped.helper(SDK, is_async=True)

ENDPOINTS = {
    "chat.completions.create": Endpoint(catalog_endpoint("openai", "chat.completions.create"), "openai.types.chat.ChatCompletion.model_validate", "openai.types.chat"),
    "responses.create": Endpoint(catalog_endpoint("openai", "responses.create"), "openai.types.responses.Response.model_validate", "openai.types.responses"),
    "embeddings.create": Endpoint(catalog_endpoint("openai", "embeddings.create"), "openai.types.CreateEmbeddingResponse.model_validate", "openai.types"),
    "completions.create": Endpoint(catalog_endpoint("openai", "completions.create"), "openai.types.Completion.model_validate", "openai.types"),
}


def azure_deployment(ctx: SiteContext, body: cst.Call) -> cst.Call:
    """Azure batches need a Global-Batch deployment; the sync deployment cannot be reused."""
    mapping: Dict[str, str] = ctx.config.azure_batch_deployments
    model = ctx.model
    if model is None:
        raise Refuse(
            "Azure OpenAI: the model (deployment) is not a literal, so its batch deployment cannot be "
            "looked up in [tool.llm-latency-lint.azure-batch-deployments]"
        )
    if model not in mapping:
        raise Refuse(
            f"Azure OpenAI needs a batch deployment for {model!r}: add it to "
            "[tool.llm-latency-lint.azure-batch-deployments] (sync deployment = batch deployment)"
        )
    args = [
        a.with_changes(value=cst.SimpleString(_quote(mapping[model])))
        if a.keyword is not None and a.keyword.value == "model"
        else a
        for a in body.args
    ]
    return body.with_changes(args=args)


def _quote(value: str) -> str:
    import json

    return json.dumps(value)


def _clients(sync: Client, asynchronous: Client, azure_sync: Client, azure_async: Client) -> Dict[str, Client]:
    return {
        "openai.OpenAI": sync,
        "openai.Client": sync,
        "openai.AsyncOpenAI": asynchronous,
        "openai.AsyncClient": asynchronous,
        "openai.AzureOpenAI": azure_sync,
        "openai.AsyncAzureOpenAI": azure_async,
    }


BATCH = BatchFixer(
    provider="openai",
    label="OpenAI",
    endpoints=ENDPOINTS,
    clients=_clients(
        Client(SYNC_HELPER),
        Client(ASYNC_HELPER, is_async=True),
        Client(SYNC_HELPER, adjust=azure_deployment, label="Azure OpenAI"),
        Client(ASYNC_HELPER, is_async=True, adjust=azure_deployment, label="Azure OpenAI"),
    ),
)

# Flex processing: the models, rate and exclusions are the discount table's row
# (catalog/tiers.py: o3 and o4-mini from the guide's earlier copy, not GPT-6.2 Astra/Sol; batch
# rates). Dated snapshots count. Other models: opt in with ``flex-models`` in the config. The
# guide raises the timeout to 15 minutes and warns of 429 "resource unavailable": the fix passes
# ``timeout=900.0`` and reaches the call through ``with_options(max_retries=8)``.
FLEX_MODELS = ("o3", "o4-mini")
FLEX_SOURCE = "OpenAI flex processing guide (developers.openai.com/api/docs/guides/flex-processing, read 2026-12-05)"

FLEX = FlexFixer(
    provider="openai",
    label="OpenAI",
    operations=("chat.completions.create", "responses.create"),
    known_models=FLEX_MODELS,
    source=FLEX_SOURCE,
    clients=tuple(_clients(*[Client(SYNC_HELPER)] * 4)),
    timeout_seconds=900.0,
    max_retries=8,
    tier=tier("openai", "flex"),
)

STREAM = StreamFixer(
    provider="openai",
    shapes={
        # for chunk in create(stream=True): text += chunk.choices[0].delta.content or ""
        "chat.completions.create": ChunkShape(
            chunk='{chunk}.choices[0].delta.content or ""',
            whole='{response}.choices[0].message.content or ""',
            refuse_kwargs=("n", "stream_options", "tools", "functions"),
        ),
        # for event in create(stream=True):
        #     if event.type == "response.output_text.delta": text += event.delta
        "responses.create": ChunkShape(
            chunk="{chunk}.delta",
            guard='{chunk}.type == "response.output_text.delta"',
            whole="{response}.output_text",
            refuse_kwargs=("stream_options",),
        ),
    },
)

BACKGROUND = BackgroundFixer()

FIXERS = [BATCH, FLEX, BACKGROUND, STREAM]
