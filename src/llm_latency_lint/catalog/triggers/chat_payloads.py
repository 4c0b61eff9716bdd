"""A chat platform's payload read by a request handler: the route is that platform's webhook.

Slack posts a slash command or an interaction to the app's Request URL as a form
(``channel_id``, ``user_id``, ``command``, ``text``, ``response_url``, ``trigger_id``), Twilio an
SMS or WhatsApp message (``From``, ``Body``, ``MessageSid``). A handler declaring or reading those
fields receives a person's chat message whatever its path (``POST /summary``), and they wait in
the chat for the reply (label policy 5): ``http_common.route_trigger`` makes it a chat webhook.
The fields are read off the handler only, never its callees: its parameters (a FastAPI ``Form``
field by its name or ``alias``; any parameter for the fields that name a platform on their own)
and the string keys it reads (``form["text"]``, ``(await request.form()).get("Body")``,
``request.POST["channel_id"]``, ``payload["response_url"]``).

Meta's platforms (WhatsApp, Messenger, Instagram) post JSON a helper usually unpacks: their route
is told by the subscription handshake beside it (``meta_webhooks``), read with ``handler_fields``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context
from llm_latency_lint.syntax.walk import nodes_of


@dataclass(frozen=True)
class ChatPayload:
    """The fields of one platform's webhook payload, from its documentation."""

    platform: str
    anywhere: FrozenSet[str]  # a field that names the platform wherever the handler reads it
    in_form: FrozenSet[str] = frozenset()  # ... only when read from a form-encoded body
    together: Tuple[FrozenSet[str], ...] = ()  # fields that name it together, read from a form
    source: str = ""


CHAT_PAYLOADS: Tuple[ChatPayload, ...] = (
    ChatPayload(
        "Slack slash command",
        frozenset({"response_url", "trigger_id", "team_domain", "api_app_id"}),
        frozenset({"channel_id"}),
        (frozenset({"command", "text", "user_id"}),),
        "https://api.slack.com/interactivity/slash-commands#app_command_handling",
    ),
    ChatPayload(
        "Twilio message",
        frozenset({"MessageSid", "SmsSid", "SmsMessageSid", "MessagingServiceSid", "WaId"}),
        together=(frozenset({"From", "Body"}),),
        source="https://www.twilio.com/docs/messaging/guides/webhook-request",
    ),
)
# Where a handler's form-encoded body is: ``request.form`` (Flask, Starlette's ``await
# request.form()``), Django's ``request.POST``, Flask's ``request.values``.
FORM_ATTRS = frozenset({"form", "POST", "values"})
# FastAPI's parameter functions whose ``alias`` names the field read, and whether it is read from a form.
ALIAS_PARAMS: Dict[str, bool] = {
    **{f"fastapi.{m}Form": True for m in ("", "param_functions.", "params.")},
    **{f"fastapi.{m}Query": False for m in ("", "param_functions.", "params.")},
}
KEY_METHODS = frozenset({"get", "getlist", "getone", "getall", "pop"})


def chat_payload(ctx: "Context", node: cst.FunctionDef) -> Optional[Tuple[str, str]]:
    """(platform, the field that says so) when ``node`` reads a chat platform's payload."""
    anywhere, form = _fields(ctx, node)
    for payload in CHAT_PAYLOADS:
        field = next((f for f in sorted(payload.anywhere) if f in anywhere or f in form), None)
        field = field or next((f for f in sorted(payload.in_form) if f in form), None)
        together = next((t for t in payload.together if t <= form), None)
        if field or together:
            return payload.platform, field or ", ".join(sorted(together or ()))
    return None


def handler_fields(ctx: "Context", node: cst.FunctionDef) -> Set[str]:
    """Every field ``node`` declares or reads (its parameters, their aliases, the string keys it reads)."""
    anywhere, form = _fields(ctx, node)
    return anywhere | form


def _fields(ctx: "Context", node: cst.FunctionDef) -> Tuple[Set[str], Set[str]]:
    """(fields read anyhow, fields read from a form)."""
    anywhere: Set[str] = set()
    form: Set[str] = set()
    params = [*node.params.posonly_params, *node.params.params, *node.params.kwonly_params]
    for param in params:
        anywhere.add(param.name.value)
        default = param.default
        in_form = ALIAS_PARAMS.get(ctx.qualified(default.func) or "") if isinstance(default, cst.Call) else None
        if isinstance(default, cst.Call) and in_form is not None:
            alias = next((a.value for a in default.args if a.keyword is not None and a.keyword.value == "alias"), None)
            value = ctx.literal(alias) if alias is not None else None
            (form if in_form else anywhere).add(value if isinstance(value, str) else param.name.value)
    held = _form_locals(node)
    for key, where in _keys(node):
        anywhere.add(key)
        if _formish(where, held):
            form.add(key)
    return anywhere, form


def _form_locals(node: cst.FunctionDef) -> Set[str]:
    """Locals bound to the form (``form = await request.form()``, ``data = request.POST.dict()``)."""
    held: Set[str] = set()
    for assign in nodes_of(node.body, cst.Assign):
        if _formish(assign.value, held):
            held.update(t.target.value for t in assign.targets if isinstance(t.target, cst.Name))
    return held


def _keys(node: cst.FunctionDef) -> List[Tuple[str, cst.BaseExpression]]:
    """String keys the handler reads, each with what it reads them from."""
    found: List[Tuple[str, cst.BaseExpression]] = []
    for sub in nodes_of(node.body, cst.Subscript):
        if len(sub.slice) == 1 and isinstance(sub.slice[0].slice, cst.Index):
            key = sub.slice[0].slice.value
            if isinstance(key, cst.SimpleString) and isinstance(key.evaluated_value, str):
                found.append((key.evaluated_value, sub.value))
    for call in nodes_of(node.body, cst.Call):
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value in KEY_METHODS and call.args:
            key = call.args[0].value
            if isinstance(key, cst.SimpleString) and isinstance(key.evaluated_value, str):
                found.append((key.evaluated_value, func.value))
    return found


def _formish(expr: cst.BaseExpression, held: Set[str]) -> bool:
    """``expr`` reads the form: an attribute ``FORM_ATTRS`` names, or a local bound to the form."""
    if isinstance(expr, cst.Name):
        return expr.value in held
    names = [n for n in nodes_of(expr, cst.Attribute) if n.attr.value in FORM_ATTRS]
    return bool(names) or any(n.value in held for n in nodes_of(expr, cst.Name))
