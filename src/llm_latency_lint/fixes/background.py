"""The background-window alternative for a single call: OpenAI Responses background mode with a
discounted completion window, polled until the response reaches a terminal status.

``client.responses.create(...)`` becomes ``_openai_background(client, client.responses.create(...,
background=True, background_options={"completion_window": "8h"}))``: the create returns at once
(queued), the helper polls ``responses.with_raw_response.retrieve(id)`` until the status leaves
``queued``/``in_progress`` and returns the final ``Response``, the object the synchronous call
returned. A request the API rejects raises at the create, as before; a response that ends
``failed`` or ``cancelled`` raises ``openai.APIError`` (with the retrieve's HTTP request and the
response's error as body). The window is ``2h`` for LLM002 near-real-time sites (someone reads the
result later) and ``8h`` for scheduled ones (LLM001). SDK facts (openai 3.63.0):
``response_create_params.BackgroundOptions.completion_window: Literal["soonest", "2h", "8h"]``
("``2h`` and ``8h`` select discounted background execution"; they "require ``background: true``,
Standard processing, and ``stream: false`` or omitted"); ``Response.status`` is one of completed,
failed, in_progress, cancelled, queued, incomplete (``incomplete`` is returned as the sync call
returns it). Only ``responses.create``: a Chat Completions call has no background mode, and moving
it to Responses changes the result type every caller reads (``choices[0].message`` vs
``output_text``), so it is not offered.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Tuple

import libcst as cst

from llm_latency_lint.catalog.tiers import tier
from llm_latency_lint.fixes.base import (
    BACKGROUND,
    UNSAFE,
    Fixer,
    Helper,
    Plan,
    Refuse,
    SiteContext,
)
from llm_latency_lint.fixes.flex import _append_kwargs
from llm_latency_lint.fixes.sdk_versions import SdkRequirement

REQUIREMENT = SdkRequirement("openai", "3.63", "responses.create(background_options={\"completion_window\": ...}), checked on 3.63.0")

_TEMPLATE = '''
{def_} {name}(
    client: openai.{client},
    response: Response,
    poll_seconds: float = 15.0,
    timeout_seconds: float = 9 * 60 * 60,
) -> Response:
    """Wait for a background ``response`` (``background=True``) to finish; return it as the synchronous call would.

    Polls ``responses.retrieve`` until the status leaves ``queued``/``in_progress``. A response that
    ended ``failed`` or ``cancelled`` raises ``openai.APIError`` with its error; one still running
    after ``timeout_seconds`` is cancelled and raises ``TimeoutError``.
    """
    deadline = time.monotonic() + timeout_seconds
    while True:
        raw = {await_}client.responses.with_raw_response.retrieve(response.id)
        response = raw.parse()
        if response.status not in ("queued", "in_progress"):
            break
        if time.monotonic() > deadline:
            {await_}client.responses.cancel(response.id)
            raise TimeoutError(f"background response {{response.id}} still {{response.status}} after {{timeout_seconds:.0f}} s; cancelled it")
        {sleep}(poll_seconds)
    if response.status in ("failed", "cancelled"):
        error = response.error
        message = error.message if error is not None else f"background response {{response.id}} {{response.status}}"
        raise openai.APIError(message, raw.http_request, body=error.model_dump() if error is not None else None)
    return response
'''


def _helper(is_async: bool) -> Helper:
    name = "_openai_background_async" if is_async else "_openai_background"
    source = _TEMPLATE.format(
        def_="async def" if is_async else "def", name=name, client="AsyncOpenAI" if is_async else "OpenAI",
        await_="await " if is_async else "", sleep="await asyncio.sleep" if is_async else "time.sleep",
    )
    imports: Tuple[Tuple[str, object], ...] = (("time", None), ("openai", None), ("openai.types.responses", "Response"))
    if is_async:
        imports += (("asyncio", None),)
    return Helper(name=name, source=source, imports=imports)  # type: ignore[arg-type]


SYNC, ASYNC = _helper(False), _helper(True)
CLIENTS: Dict[str, bool] = {"openai.OpenAI": False, "openai.Client": False, "openai.AsyncOpenAI": True, "openai.AsyncClient": True}
_REFUSE_KWARGS = {
    "stream": "the call streams; the discounted windows need stream false or omitted",
    "background": "the call already sets background",
    "background_options": "the call already sets background_options",
    "service_tier": "the call sets service_tier; the discounted windows need Standard processing",
}


@dataclass
class BackgroundFixer(Fixer):
    keys: Tuple[Tuple[str, str], ...] = (("openai", "responses.create"),)
    strategy: str = field(default=BACKGROUND, init=False)

    def plan(self, ctx: SiteContext) -> Plan:
        if ctx.client_type not in CLIENTS:
            raise Refuse(f"background window: {ctx.client_type or 'module-level client'} is not an OpenAI client "
                         "the fix knows (Azure OpenAI's background windows are not documented)")
        for name, reason in _REFUSE_KWARGS.items():
            if ctx.kwarg(name) is not None:
                raise Refuse(reason)
        store = ctx.kwarg("store")
        if store is not None and not (isinstance(store.value, cst.Name) and store.value.value == "True"):
            raise Refuse("the call sets store; background mode stores the response (about 10 minutes) to poll it")
        window = "2h" if ctx.finding.code == "LLM002" else "8h"
        row = tier("openai", f"background-{window}")
        assert row is not None
        if not row.allows(ctx.model, ctx.config.background_models):
            what = f"model {ctx.model!r}" if ctx.model else "the model (not a literal)"
            raise Refuse(
                f"{what} is not known to support OpenAI's discounted background window ({row.models_text()}: "
                f"{row.source}, read {row.checked}); opt in with background-models in [tool.llm-latency-lint]"
            )
        blocked = REQUIREMENT.refusal()
        if blocked:
            raise Refuse(blocked)
        client = _client_expr(ctx)
        is_async = CLIENTS[ctx.client_type]
        helper = ASYNC if is_async else SYNC
        options = cst.Dict([cst.DictElement(cst.SimpleString('"completion_window"'), cst.SimpleString(f'"{window}"'))])
        additions: List[Tuple[str, cst.BaseExpression]] = [("background", cst.Name("True")), ("background_options", options)]
        created: cst.BaseExpression = ctx.call.with_changes(args=_append_kwargs(list(ctx.call.args), additions,
                                                                                 ctx.call.whitespace_before_args))
        if is_async:
            created = cst.Await(created)
        wrapped: cst.BaseExpression = cst.Call(
            func=cst.Name(helper.name),
            args=[cst.Arg(client, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), cst.Arg(created)],
        )
        if is_async:
            wrapped = cst.Await(wrapped)
        why = "someone reads it later" if window == "2h" else "a scheduled job"
        return Plan(
            description=(f"run it in OpenAI background mode with the {window} completion window ({row.rate:.0%} off "
                         f"Standard: {row.source}, read {row.checked}; {why}) and poll until done"),
            safety=UNSAFE,
            replace={ctx.outer(): wrapped},
            helpers=[helper],
        )


def _client_expr(ctx: SiteContext) -> cst.BaseExpression:
    """``client`` of ``client.responses.create``: a name or attribute chain, safe to evaluate twice."""
    func = ctx.call.func
    if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Attribute) and func.value.attr.value == "responses"):
        raise Refuse("the call is not reached as `<client>.responses.create`")
    client = func.value.value
    node = client
    while isinstance(node, cst.Attribute):
        node = node.value
    if not isinstance(node, cst.Name):
        raise Refuse("the client is not a name or attribute (it would be evaluated again to poll)")
    return client



