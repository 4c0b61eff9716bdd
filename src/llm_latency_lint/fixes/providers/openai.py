"""OpenAI and Azure OpenAI: batch rewrite (LLM001), flex tier (LLM001 --fix-strategy flex) and
needless-stream rewrite (LLM004).

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

from ..base import Refuse, SiteContext
from ..batch import RESULT_TYPEVAR, BatchFixer, Client, Endpoint, Helper
from ..flex import FlexFixer
from ..stream import ChunkShape, StreamFixer

_TYPING = tuple(("typing", n) for n in ("Any", "Callable", "Dict", "Iterator", "Literal", "Mapping", "Sequence"))

_ENDPOINT_TYPE = 'Literal["/v1/chat/completions", "/v1/responses", "/v1/embeddings", "/v1/completions"]'

_RESULTS = '''
    found: Dict[str, Any] = {}
    for file_id in (batch.output_file_id, batch.error_file_id):
        if file_id:
            content = {await}client.files.content(file_id)
            for line in content.text.splitlines():
                if line.strip():
                    item = json.loads(line)
                    found[item["custom_id"]] = item

    def results() -> Iterator[_BatchResult]:
        for index in range(len(bodies)):
            item = found.get(f"request-{index}", {})
            response = item.get("response") or {}
            if response.get("status_code") == 200:
                yield parse(response["body"])
                continue
            error = item.get("error") or (response.get("body") or {}).get("error") or {}
            raise openai.OpenAIError(
                f"OpenAI batch {batch.id} ({batch.status}): request {index} failed: "
                f"{error.get('code', 'no_result')}: {error.get('message', 'no result in the output or error file')}"
            )

    return results()
'''

_HELPER = '''
def _openai_batch{suffix}(
    client: openai.{client},
    endpoint: {endpoint_type},
    bodies: Sequence[Mapping[str, Any]],
    parse: Callable[[Any], _BatchResult],
    poll_seconds: float = 30.0,
    timeout_seconds: float = 24 * 60 * 60,
) -> Iterator[_BatchResult]:
    """Send ``bodies`` as one OpenAI batch (50% cheaper), wait for it, yield results in order.

    A request that failed, or was not done when the batch expired, raises ``openai.OpenAIError``
    when its result is reached, as the synchronous call would have raised at that point.
    """
    lines = [
        json.dumps({{"custom_id": f"request-{{index}}", "method": "POST", "url": endpoint, "body": dict(body)}})
        for index, body in enumerate(bodies)
    ]
    upload = {await}client.files.create(file=("batch.jsonl", "\\n".join(lines).encode("utf-8")), purpose="batch")
    batch = {await}client.batches.create(input_file_id=upload.id, endpoint=endpoint, completion_window="24h")
    deadline = time.monotonic() + timeout_seconds
    while batch.status not in ("completed", "failed", "expired", "cancelled"):
        if time.monotonic() > deadline:
            {await}client.batches.cancel(batch.id)
            raise TimeoutError(f"OpenAI batch {{batch.id}} still {{batch.status}} after {{timeout_seconds:.0f}} s; cancelled it")
        {sleep}(poll_seconds)
        batch = {await}client.batches.retrieve(batch.id)
'''


def _helper(is_async: bool) -> Helper:
    a = "await " if is_async else ""
    source = _HELPER.format(
        suffix="_async" if is_async else "",
        client="AsyncOpenAI" if is_async else "OpenAI",
        endpoint_type=_ENDPOINT_TYPE,
        await_=a,
        sleep="await asyncio.sleep" if is_async else "time.sleep",
        **{"await": a},
    ) + _RESULTS.replace("{await}", a)
    if is_async:
        source = source.replace("def _openai_batch_async(", "async def _openai_batch_async(", 1)
    imports = (("json", None), ("time", None), ("openai", None), *_TYPING)
    if is_async:
        imports += (("asyncio", None),)
    return Helper(
        name="_openai_batch_async" if is_async else "_openai_batch",
        source=source,
        imports=imports,
        requires=(RESULT_TYPEVAR,),
    )


SYNC_HELPER = _helper(False)
ASYNC_HELPER = _helper(True)

ENDPOINTS = {
    "chat.completions.create": Endpoint("/v1/chat/completions", "openai.types.chat.ChatCompletion.model_validate", "openai.types.chat"),
    "responses.create": Endpoint("/v1/responses", "openai.types.responses.Response.model_validate", "openai.types.responses"),
    "embeddings.create": Endpoint("/v1/embeddings", "openai.types.CreateEmbeddingResponse.model_validate", "openai.types"),
    "completions.create": Endpoint("/v1/completions", "openai.types.Completion.model_validate", "openai.types"),
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

# Flex processing: "currently only available for o3 and o4-mini models" (OpenAI flex processing
# guide, platform.openai.com/docs/guides/flex-processing, stored copy read 2026-12-02). Dated
# snapshots of those models count. Other models: opt in with ``flex-models`` in the config.
FLEX_MODELS = ("o3", "o4-mini")
FLEX_SOURCE = "OpenAI flex processing guide (platform.openai.com/docs/guides/flex-processing)"

FLEX = FlexFixer(
    provider="openai",
    label="OpenAI",
    operations=("chat.completions.create", "responses.create"),
    known_models=FLEX_MODELS,
    source=FLEX_SOURCE,
    clients=tuple(_clients(*[Client(SYNC_HELPER)] * 4)),
    timeout_seconds=900.0,
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

FIXERS = [BATCH, FLEX, STREAM]
