"""Anthropic: batch rewrite (LLM001) of ``messages.create`` through the Message Batches API.

Checked with ``inspect`` against anthropic 2.15.0: ``messages.batches.create(*, requests:
Iterable[Request])`` where a request is ``{"custom_id": str, "params": <messages.create
keywords>}``; ``retrieve(id)`` and ``cancel(id)`` return ``MessageBatch`` whose
``processing_status`` is ``in_progress | canceling | ended``; ``results(id)`` returns a
``JSONLDecoder[MessageBatchIndividualResponse]`` (``AsyncJSONLDecoder`` behind ``await`` on
``AsyncAnthropic``), each ``{custom_id, result}`` with ``result.type`` one of succeeded (``.message``
is an ``anthropic.types.Message``, what the sync call returns), errored (``.error.error.type`` and
``.message``), canceled, expired. Results come in any order: they are mapped back by ``custom_id``.

``AnthropicBedrock``/``AnthropicVertex`` raise on ``/v1/messages/batches``; the provider catalog's
``client_refusals`` carry that, and ``fixes.run`` refuses before any fixer is asked. Calls under
``client.beta.messages`` are refused: their params (``betas=``) and result type (``BetaMessage``)
belong to ``beta.messages.batches``.
"""
from __future__ import annotations

import libcst as cst

from llm_latency_lint.fixes.base import Helper, Refuse, SiteContext
from llm_latency_lint.fixes.batch import BatchFixer, Client, Endpoint
from llm_latency_lint.fixes.limits import SPANS, constants

_TYPING = tuple(("typing", n) for n in ("Any", "Dict", "Iterator", "List", "Mapping", "Optional", "Sequence", "Type"))

# Message Batches limits (platform.claude.com batch-processing docs, also in the reference):
# "at most 100,000 requests or 256 MB per batch, whichever is hit first".
LIMITS = constants("ANTHROPIC", [
    ("MAX_REQUESTS", "100_000", "requests per message batch (Anthropic batch-processing docs)"),
    ("MAX_BYTES", "256 * 1000 * 1000", "bytes per message batch request (Anthropic batch-processing docs)"),
])

_TEMPLATE = '''
{def_} {name}(
    client: anthropic.{client},
    bodies: Sequence[Mapping[str, Any]],
    poll_seconds: float = 30.0,
    timeout_seconds: float = 24 * 60 * 60,
) -> Iterator[anthropic.types.Message]:
    """Send ``bodies`` as Anthropic message batches, as many as ``_ANTHROPIC_BATCH_*`` limits need;
    wait for them to end, yield the messages in order.

    An errored request raises the ``anthropic`` status error the synchronous call would have raised
    (``anthropic.BadRequestError`` for ``invalid_request_error``); one that expired or was canceled
    raises ``anthropic.APIError``. Both at its own result, with the item's error message; later results still come.
    """
    requests: List[Any] = [{{"custom_id": f"request-{{index}}", "params": dict(body)}} for index, body in enumerate(bodies)]
    spans = _batch_spans(
        [len(json.dumps(request, default=str).encode("utf-8")) for request in requests],
        _ANTHROPIC_BATCH_MAX_REQUESTS,
        _ANTHROPIC_BATCH_MAX_BYTES,
    )
    batch_ids: List[str] = []
    for span in spans:
        created = {aw}client.messages.batches.create(requests=requests[span.start : span.stop])
        batch_ids.extend(created.id for _ in span)
    deadline = time.monotonic() + timeout_seconds
    found: Dict[str, anthropic.types.messages.MessageBatchResult] = {{}}
    http: Optional[Any] = None  # an HTTP response of the SDK's own HTTP library, for its errors
    for batch_id in dict.fromkeys(batch_ids):
        batch = {aw}client.messages.batches.retrieve(batch_id)
        while batch.processing_status != "ended":
            if time.monotonic() > deadline:
                {aw}client.messages.batches.cancel(batch.id)
                raise TimeoutError(f"Anthropic batch {{batch.id}} still {{batch.processing_status}} after {{timeout_seconds:.0f}} s; cancelled it")
            {sleep}(poll_seconds)
            batch = {aw}client.messages.batches.retrieve(batch.id)
        decoder = {aw}client.messages.batches.results(batch.id)
        http = decoder.http_response
        {for_} item in decoder:
            found[item.custom_id] = item.result
    statuses = {{
        "invalid_request_error": 400, "authentication_error": 401, "permission_error": 403, "not_found_error": 404,
        "request_too_large": 413, "rate_limit_error": 429, "api_error": 500, "overloaded_error": 529,
    }}
    kinds: Dict[int, Type[anthropic.APIStatusError]] = {{
        400: anthropic.BadRequestError, 401: anthropic.AuthenticationError, 403: anthropic.PermissionDeniedError,
        404: anthropic.NotFoundError, 429: anthropic.RateLimitError,
    }}

    def result(index: int) -> anthropic.types.Message:
        result = found.get(f"request-{{index}}")
        if isinstance(result, anthropic.types.messages.MessageBatchSucceededResult):
            return result.message
        detail: str = result.type if result is not None else "no result"
        status = 0
        body: Optional[Dict[str, Any]] = None
        if isinstance(result, anthropic.types.messages.MessageBatchErroredResult):
            detail = f"{{result.error.error.type}}: {{result.error.error.message}}"
            status = statuses.get(result.error.error.type, 500)
            body = result.error.model_dump(mode="json")
        message = f"Anthropic batch {{batch_ids[index]}}: request {{index}} failed: {{detail}}"
        if http is None:
            raise anthropic.AnthropicError(message)
        if status:
            kind = kinds.get(status, anthropic.InternalServerError if status >= 500 else anthropic.APIStatusError)
            raise kind(message, response=type(http)(status, request=http.request, json=body), body=body)
        raise anthropic.APIError(message, http.request, body=None)

    return map(result, range(len(bodies)))  # a failed item raises at its result; the next one still comes
'''


def helper(is_async: bool) -> Helper:
    name = "_anthropic_batch" + ("_async" if is_async else "")
    source = _TEMPLATE.format(
        def_="async def" if is_async else "def",
        name=name,
        client="AsyncAnthropic" if is_async else "Anthropic",
        aw="await " if is_async else "",
        sleep="await asyncio.sleep" if is_async else "time.sleep",
        for_="async for" if is_async else "for",
    )
    imports = (("json", None), ("time", None), ("anthropic", None), ("anthropic.types.messages", None), *_TYPING)
    if is_async:
        imports += (("asyncio", None),)
    return Helper(name=name, source=source, imports=imports, requires=(LIMITS, SPANS))


def not_beta(ctx: SiteContext, body: cst.Call) -> cst.Call:
    func = ctx.code(ctx.call.func)
    if ".beta." in f".{func}":
        raise Refuse("`beta.messages` calls take `betas=` and return BetaMessage: batch them with beta.messages.batches by hand")
    return body


_SYNC = Client(helper(False), adjust=not_beta)
_ASYNC = Client(helper(True), is_async=True, adjust=not_beta)

BATCH = BatchFixer(
    provider="anthropic",
    label="Anthropic",
    # The message is already an ``anthropic.types.Message``: no endpoint and no parse step.
    endpoints={"messages.create": Endpoint("/v1/messages", "", "anthropic")},
    clients={
        "anthropic.Anthropic": _SYNC,
        "anthropic.Client": _SYNC,
        "anthropic.AsyncAnthropic": _ASYNC,
        "anthropic.AsyncClient": _ASYNC,
    },
    call_template="{helper}({client}, {bodies})",
)

FIXERS = [BATCH]
