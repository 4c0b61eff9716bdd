"""Mistral (``mistralai`` 2.x/3.x): batch rewrite (LLM001) of ``chat.complete`` / ``chat.complete_async``.

Checked with ``inspect`` against mistralai 3.7.0: ``batch.jobs.create(*, endpoint:
Literal["/v1/chat/completions", ...], requests: Iterable[BatchRequest], model, timeout_hours=24)``
takes the requests inline (``BatchRequest(custom_id, body: Dict[str, Any])``, no file upload);
``batch.jobs.get(*, job_id, inline: bool)`` returns a ``BatchJob`` whose ``status`` is QUEUED,
RUNNING, SUCCESS, FAILED, TIMEOUT_EXCEEDED, CANCELLATION_REQUESTED or CANCELLED and, with
``inline=True``, ``outputs: List[Dict[str, Any]]``; ``batch.jobs.cancel(*, job_id)``; every
method has an ``_async`` twin. ``ChatCompletionRequest`` has no field aliases, so the sync call's
keywords are the body's keys; the helper builds the body with ``ChatCompletionRequest`` exactly
as the sync call does.

Inline outputs: the SDK types ``BatchJob.outputs`` as ``List[Dict[str, Any]]`` with no shape; the
SDK's own example (``examples/mistral/jobs/async_batch_job_chat_completion_inline.py`` in
mistralai/client-python) reads ``output["response"]["body"]`` as the endpoint's response, and the
output file's lines carry ``custom_id``, ``response.body`` and ``error`` (docs.mistral.ai batch
page; langchain4j's ``MistralAiBatchResultEntry``). ``response.status_code`` is in neither, so
the helper does not require it: an entry with a ``response.body``, no ``error`` and no status of
400 or more is a success; results are mapped back by ``custom_id``. Every job is read at least
once with ``get(inline=True)``, so a job already over when created still has its outputs.
``errors.SDKError`` (what a failed sync call raises) needs an HTTP response; the helper gives it
one built from the item's status and body (``httpx2``, the HTTP library mistralai 3.x uses).
``embeddings.create`` is not rewritten: its ``inputs=`` keyword is ``input`` in the body.
"""
from __future__ import annotations

from typing import Optional

from llm_latency_lint.fixes.base import Helper, SiteContext
from llm_latency_lint.fixes.batch import (
    TRANSPORT_KWARGS,
    BatchFixer,
    Client,
    Endpoint,
    catalog_endpoint,
)
from llm_latency_lint.fixes.limits import SPANS, constants
from llm_latency_lint.fixes.sdk_versions import SdkRequirement

_TYPING = tuple(("typing", n) for n in ("Any", "Dict", "Iterator", "List", "Mapping", "Sequence"))

# Mistral documents "up to 1M requests" per batch for input files (docs.mistral.ai batch page)
# and no figure for inline requests; two independent client libraries cap inline batches at
# 10,000 requests (UNVERIFIED against Mistral's own docs), the lower figure is used.
LIMITS = constants("MISTRAL", [
    ("MAX_REQUESTS", "10_000", "inline requests per batch job (client libraries; Mistral documents 1M per file)"),
])

_TEMPLATE = '''
{def_} {name}(
    client: mistralai.client.Mistral,
    bodies: Sequence[Mapping[str, Any]],
    poll_seconds: float = 30.0,
    timeout_seconds: float = 24 * 60 * 60,
) -> Iterator[mistralai.client.models.ChatCompletionResponse]:
    """Send ``bodies`` as Mistral batch jobs, as many as ``_MISTRAL_BATCH_MAX_REQUESTS`` needs; wait, yield responses in order.

    A request that failed, or was not done when its job ended (timeout, cancel), raises
    ``mistralai.client.errors.SDKError`` (what a failed sync call raises) with the item's status
    and error body at its own result; later results still come.
    """
    requests = [
        mistralai.client.models.BatchRequest(
            custom_id=f"request-{{index}}",
            body=mistralai.client.models.ChatCompletionRequest(**dict(body)).model_dump(mode="json", by_alias=True),
        )
        for index, body in enumerate(bodies)
    ]
    job_ids: List[str] = []
    for span in _batch_spans([0] * len(requests), _MISTRAL_BATCH_MAX_REQUESTS, 1):
        created = {aw}client.batch.jobs.create{suffix}(endpoint="/v1/chat/completions", requests=requests[span.start : span.stop])
        job_ids.extend(created.id for _ in span)
    deadline = time.monotonic() + timeout_seconds
    found: Dict[str, Dict[str, Any]] = {{}}
    statuses: Dict[str, str] = {{}}
    for job_id in dict.fromkeys(job_ids):
        job = {aw}client.batch.jobs.get{suffix}(job_id=job_id, inline=True)
        while job.status in ("QUEUED", "RUNNING", "CANCELLATION_REQUESTED"):
            if time.monotonic() > deadline:
                {aw}client.batch.jobs.cancel{suffix}(job_id=job.id)
                raise TimeoutError(f"Mistral batch {{job.id}} still {{job.status}} after {{timeout_seconds:.0f}} s; cancelled it")
            {sleep}(poll_seconds)
            job = {aw}client.batch.jobs.get{suffix}(job_id=job.id, inline=True)
        statuses[job_id] = str(job.status)
        found.update((str(item.get("custom_id")), item) for item in job.outputs or [])

    def result(index: int) -> mistralai.client.models.ChatCompletionResponse:
        item = found.get(f"request-{{index}}", {{}})
        response = item.get("response") or {{}}
        status = int(response.get("status_code") or (200 if "body" in response else 500))
        if status < 400 and not item.get("error") and response.get("body") is not None:
            return mistralai.client.models.ChatCompletionResponse.model_validate(response["body"])
        error = item.get("error") or response.get("body") or {{"message": "no result in the job's outputs"}}
        job_id = job_ids[index]
        raise mistralai.client.errors.SDKError(
            f"Mistral batch {{job_id}} ({{statuses[job_id]}}): request {{index}} failed: "
            f"{{error.get('message', error) if isinstance(error, dict) else error}}",
            httpx2.Response(status if status >= 400 else 500, json=error),
        )

    return map(result, range(len(bodies)))  # a failed item raises at its result; the next one still comes
'''


def helper(is_async: bool) -> Helper:
    name = "_mistral_batch" + ("_async" if is_async else "")
    source = _TEMPLATE.format(
        def_="async def" if is_async else "def",
        name=name,
        aw="await " if is_async else "",
        suffix="_async" if is_async else "",
        sleep="await asyncio.sleep" if is_async else "time.sleep",
    )
    imports = (
        ("time", None), ("httpx2", None), ("mistralai.client", None),
        ("mistralai.client.errors", None), ("mistralai.client.models", None), *_TYPING,
    )
    if is_async:
        imports += (("asyncio", None),)
    return Helper(name=name, source=source, imports=imports, requires=(LIMITS, SPANS))


_SYNC = Client(helper(False))
_ASYNC = Client(helper(True), is_async=True)
_CLIENTS = ("mistralai.client.Mistral", "mistralai.client.sdk.Mistral")


class MistralBatchFixer(BatchFixer):
    """``chat.complete_async`` is the async twin on the same client object."""

    def client_for(self, ctx: SiteContext) -> Optional[Client]:
        if ctx.client_type not in _CLIENTS:
            return None
        return _ASYNC if ctx.operation.endswith("_async") else _SYNC


_CHAT = Endpoint(catalog_endpoint("mistral", "chat.complete"), "", "mistralai.client.models")

BATCH = MistralBatchFixer(
    provider="mistral",
    label="Mistral",
    endpoints={"chat.complete": _CHAT, "chat.complete_async": _CHAT},
    clients={name: _SYNC for name in _CLIENTS},
    call_template="{helper}({client}, {bodies})",
    # Options of the SDK call, not of the request: the timeout is dropped, the rest refused.
    transport_kwargs=TRANSPORT_KWARGS | {"timeout_ms"},
    unsupported_kwargs=frozenset({"retries", "server_url", "http_headers"}),
    # ``mistralai.client.Mistral`` and inline ``requests=`` arrived in 2.0; 3.0 moved to httpx2,
    # which the helper's ``SDKError`` response is built with (checked in the wheels). mistralai
    # >= 2.0 needs Python >= 3.10.
    requires=SdkRequirement("mistralai", "3.0", "mistralai.client.Mistral, inline batch requests, httpx2"),
)

FIXERS = [BATCH]
