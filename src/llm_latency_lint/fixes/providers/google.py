"""Google Gen AI (``google-genai``): batch rewrite (LLM001) of ``models.generate_content``.

Checked with ``inspect`` against google-genai 3.6.1: ``batches.create(*, model: str, src:
list[InlinedRequest] | ...)`` where ``InlinedRequest`` has ``model``, ``contents``, ``config``
(``GenerateContentConfig``) and ``metadata: dict[str, str]``, the keywords of
``models.generate_content(*, model, contents, config)``; ``batches.get(*, name)`` and
``batches.cancel(*, name)``; ``BatchJob.state`` is a ``JobState`` (terminal: SUCCEEDED, FAILED,
CANCELLED, EXPIRED, PARTIALLY_SUCCEEDED); ``BatchJob.dest.inlined_responses[i]`` is an
``InlinedResponse`` with ``response`` (a ``GenerateContentResponse``, what the sync call
returns), ``metadata`` and ``error`` (``JobError``: code, message). The async twins live on
``client.aio``. A batch job has one model, so the fix needs the model as a literal (or module
constant). Each request carries ``metadata={"key": "request-<i>"}`` and results are mapped back
by it. A batch result has no ``sdk_http_response`` (the sync result's HTTP headers).
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from llm_latency_lint.fixes.base import Helper, Refuse, SiteContext
from llm_latency_lint.fixes.batch import BatchFixer, Client, Endpoint
from llm_latency_lint.fixes.gemini_flex import GeminiFlexFixer
from llm_latency_lint.fixes.limits import SPANS, constants
from llm_latency_lint.fixes.sdk_versions import SdkRequirement

_TYPING = tuple(("typing", n) for n in ("Any", "Dict", "Iterator", "List", "Mapping", "Sequence"))

# Gemini batch docs (ai.google.dev/gemini-api/docs/batch-api): inline requests suit "smaller
# batches that keep the total request size under 20MB". No request count is documented.
LIMITS = constants("GEMINI", [
    ("MAX_BYTES", "20 * 1000 * 1000", "inline requests per batch job, in bytes (Gemini batch API docs)"),
])

_TEMPLATE = '''
{def_} {name}(
    client: genai.Client,
    bodies: Sequence[Mapping[str, Any]],
    poll_seconds: float = 30.0,
    timeout_seconds: float = 24 * 60 * 60,
) -> Iterator[genai.types.GenerateContentResponse]:
    """Send ``bodies`` as Gemini batch jobs, as many as ``_GEMINI_BATCH_MAX_BYTES`` needs; wait, yield responses in order.

    A request that failed raises the ``genai.errors`` class the synchronous call would have raised
    for its status (``ClientError`` for an invalid argument); one with no response when its job
    ended (expired, cancelled) raises ``genai.errors.APIError``. Both at its own result; later results still come.
    """
    models = {{str(body["model"]) for body in bodies}}
    if len(models) > 1:
        raise ValueError(f"a Gemini batch job has one model, got {{sorted(models)}}")
    requests = [
        genai.types.InlinedRequest(**dict(body), metadata={{"key": f"request-{{index}}"}})
        for index, body in enumerate(bodies)
    ]
    spans = _batch_spans(
        [len(request.model_dump_json(exclude_none=True).encode("utf-8")) for request in requests],
        len(requests),
        _GEMINI_BATCH_MAX_BYTES,
    )
    names: List[str] = []
    for span in spans:
        created = {aw}client{aio}.batches.create(model=next(iter(models)), src=requests[span.start : span.stop])
        names.extend(str(created.name) for _ in span)
    done = (
        genai.types.JobState.JOB_STATE_SUCCEEDED,
        genai.types.JobState.JOB_STATE_PARTIALLY_SUCCEEDED,
        genai.types.JobState.JOB_STATE_FAILED,
        genai.types.JobState.JOB_STATE_CANCELLED,
        genai.types.JobState.JOB_STATE_EXPIRED,
    )
    deadline = time.monotonic() + timeout_seconds
    found: Dict[str, genai.types.InlinedResponse] = {{}}
    states: Dict[str, str] = {{}}
    for name in dict.fromkeys(names):
        job = {aw}client{aio}.batches.get(name=name)
        while job.state not in done:
            if time.monotonic() > deadline:
                {aw}client{aio}.batches.cancel(name=name)
                raise TimeoutError(f"Gemini batch {{name}} still {{job.state}} after {{timeout_seconds:.0f}} s; cancelled it")
            {sleep}(poll_seconds)
            job = {aw}client{aio}.batches.get(name=name)
        states[name] = str(job.state)
        for item in (job.dest.inlined_responses if job.dest else None) or []:
            found[(item.metadata or {{}}).get("key") or ""] = item
    # google.rpc.Code -> HTTP status, as the API maps them for a synchronous call
    http_status = {{1: 499, 2: 500, 3: 400, 4: 504, 5: 404, 6: 409, 7: 403, 8: 429, 9: 400, 10: 409, 11: 400,
                   12: 501, 13: 500, 14: 503, 15: 500, 16: 401}}

    def result(index: int) -> genai.types.GenerateContentResponse:
        item = found.get(f"request-{{index}}")
        if item is not None and item.response is not None and item.error is None:
            return item.response
        error = item.error if item is not None else None
        name, state = names[index], states[names[index]]
        code = http_status.get(error.code or 2, 500) if error else 500
        detail = {{"error": {{"code": code, "status": state, "message": f"Gemini batch {{name}} ({{state}}): request {{index}} "
                                                                  f"failed: {{error.message if error else 'no response in the job'}}"}}}}
        if error is None:
            raise genai.errors.APIError(code, detail)
        raise (genai.errors.ClientError if code < 500 else genai.errors.ServerError)(code, detail)

    return map(result, range(len(bodies)))  # a failed item raises at its result; the next one still comes
'''


def helper(is_async: bool) -> Helper:
    name = "_genai_batch" + ("_async" if is_async else "")
    source = _TEMPLATE.format(
        def_="async def" if is_async else "def",
        name=name,
        aw="await " if is_async else "",
        aio=".aio" if is_async else "",
        sleep="await asyncio.sleep" if is_async else "time.sleep",
    )
    imports = (("time", None), ("google", "genai"), ("google.genai.errors", None), ("google.genai.types", None), *_TYPING)
    if is_async:
        imports += (("asyncio", None),)
    return Helper(name=name, source=source, imports=imports, requires=(LIMITS, SPANS))


def one_model(ctx: SiteContext, body: cst.Call) -> cst.Call:
    if ctx.model is None:
        raise Refuse("the model is not a literal or module constant: a Gemini batch job runs one model")
    return body


_SYNC = Client(helper(False), adjust=one_model)
_ASYNC = Client(helper(True), is_async=True, adjust=one_model)
_CLIENTS = ("google.genai.Client", "google.genai.client.Client")


def _through_aio(func: cst.BaseExpression) -> bool:
    while isinstance(func, cst.Attribute):
        if func.attr.value == "aio":
            return True
        func = func.value
    return False


class GenaiBatchFixer(BatchFixer):
    """``client.aio.models.*`` is the async client: same client type, the async helper."""

    def client_for(self, ctx: SiteContext) -> Optional[Client]:
        if ctx.client_type not in _CLIENTS:
            return None
        return _ASYNC if _through_aio(ctx.call.func) else _SYNC


BATCH = GenaiBatchFixer(
    provider="google",
    label="Gemini",
    # The response is already a ``GenerateContentResponse``: no endpoint and no parse step.
    endpoints={"models.generate_content": Endpoint("", "", "google.genai.types")},
    clients={name: _SYNC for name in _CLIENTS},
    call_template="{helper}({client}, {bodies})",
    # InlinedResponse.metadata (the key each result is mapped back by) is in 1.61.0, not in 1.60.0
    # (checked in the wheels); google-genai >= 1.50 needs Python >= 3.10.
    requires=SdkRequirement("google-genai", "1.61", "InlinedResponse.metadata maps results back to requests"),
)

FLEX = GeminiFlexFixer(clients=_CLIENTS)

FIXERS = [BATCH, FLEX]
