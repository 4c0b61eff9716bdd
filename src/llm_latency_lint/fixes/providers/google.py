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

from ..base import Helper, Refuse, SiteContext
from ..batch import BatchFixer, Client, Endpoint
from ..sdk_versions import SdkRequirement

_TYPING = tuple(("typing", n) for n in ("Any", "Dict", "Iterator", "Mapping", "Sequence"))

_TEMPLATE = '''
{def_} {name}(
    client: genai.Client,
    bodies: Sequence[Mapping[str, Any]],
    poll_seconds: float = 30.0,
    timeout_seconds: float = 24 * 60 * 60,
) -> Iterator[genai.types.GenerateContentResponse]:
    """Send ``bodies`` as one Gemini batch job, wait for it, and yield the responses in request order.

    A request that failed, or had no response when the job ended (expired, cancelled), raises
    ``genai.errors.APIError`` when its result is reached, where the synchronous call would have raised.
    """
    if not bodies:
        return iter(())
    models = {{str(body["model"]) for body in bodies}}
    if len(models) != 1:
        raise ValueError(f"a Gemini batch job has one model, got {{sorted(models)}}")
    requests = [
        genai.types.InlinedRequest(**dict(body), metadata={{"key": f"request-{{index}}"}})
        for index, body in enumerate(bodies)
    ]
    job = {aw}client{aio}.batches.create(model=models.pop(), src=requests)
    done = (
        genai.types.JobState.JOB_STATE_SUCCEEDED,
        genai.types.JobState.JOB_STATE_PARTIALLY_SUCCEEDED,
        genai.types.JobState.JOB_STATE_FAILED,
        genai.types.JobState.JOB_STATE_CANCELLED,
        genai.types.JobState.JOB_STATE_EXPIRED,
    )
    name = str(job.name)
    deadline = time.monotonic() + timeout_seconds
    while job.state not in done:
        if time.monotonic() > deadline:
            {aw}client{aio}.batches.cancel(name=name)
            raise TimeoutError(f"Gemini batch {{name}} still {{job.state}} after {{timeout_seconds:.0f}} s; cancelled it")
        {sleep}(poll_seconds)
        job = {aw}client{aio}.batches.get(name=name)

    found: Dict[str, genai.types.InlinedResponse] = {{}}
    for position, item in enumerate((job.dest.inlined_responses if job.dest else None) or []):
        found[(item.metadata or {{}}).get("key") or f"request-{{position}}"] = item
    state = job.state

    def results() -> Iterator[genai.types.GenerateContentResponse]:
        for index in range(len(bodies)):
            item = found.get(f"request-{{index}}")
            if item is not None and item.response is not None and item.error is None:
                yield item.response
                continue
            error = item.error if item is not None else None
            raise genai.errors.APIError(
                (error.code if error else None) or 500,
                {{"error": {{"status": str(state), "message": f"Gemini batch {{name}} ({{state}}): request {{index}} failed: "
                                                       f"{{error.message if error else 'no response in the job'}}"}}}},
            )

    return results()
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
    return Helper(name=name, source=source, imports=imports)


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

FIXERS = [BATCH]
