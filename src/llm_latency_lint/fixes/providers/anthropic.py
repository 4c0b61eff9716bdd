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

from ..base import Helper, Refuse, SiteContext
from ..batch import BatchFixer, Client, Endpoint

_TYPING = tuple(("typing", n) for n in ("Any", "Dict", "Iterator", "Mapping", "Sequence"))

_TEMPLATE = '''
{def_} {name}(
    client: anthropic.{client},
    bodies: Sequence[Mapping[str, Any]],
    poll_seconds: float = 30.0,
    timeout_seconds: float = 24 * 60 * 60,
) -> Iterator[anthropic.types.Message]:
    """Send ``bodies`` as one Anthropic message batch, wait for it to end, yield the messages in order.

    A request that errored, expired or was canceled raises ``anthropic.AnthropicError`` when its
    result is reached, where the synchronous call would have raised.
    """
    if not bodies:
        return iter(())
    requests: Any = [{{"custom_id": f"request-{{index}}", "params": dict(body)}} for index, body in enumerate(bodies)]
    batch = {aw}client.messages.batches.create(requests=requests)
    deadline = time.monotonic() + timeout_seconds
    while batch.processing_status != "ended":
        if time.monotonic() > deadline:
            {aw}client.messages.batches.cancel(batch.id)
            raise TimeoutError(f"Anthropic batch {{batch.id}} still {{batch.processing_status}} after {{timeout_seconds:.0f}} s; cancelled it")
        {sleep}(poll_seconds)
        batch = {aw}client.messages.batches.retrieve(batch.id)

    found: Dict[str, anthropic.types.messages.MessageBatchResult] = {{}}
    {for_} item in {aw}client.messages.batches.results(batch.id):
        found[item.custom_id] = item.result

    def results() -> Iterator[anthropic.types.Message]:
        for index in range(len(bodies)):
            result = found.get(f"request-{{index}}")
            if isinstance(result, anthropic.types.messages.MessageBatchSucceededResult):
                yield result.message
                continue
            detail: str = result.type if result is not None else "no result"
            if isinstance(result, anthropic.types.messages.MessageBatchErroredResult):
                detail = f"{{result.error.error.type}}: {{result.error.error.message}}"
            raise anthropic.AnthropicError(f"Anthropic batch {{batch.id}}: request {{index}} failed: {{detail}}")

    return results()
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
    imports = (("time", None), ("anthropic", None), ("anthropic.types.messages", None), *_TYPING)
    if is_async:
        imports += (("asyncio", None),)
    return Helper(name=name, source=source, imports=imports)


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
