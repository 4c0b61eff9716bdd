"""What HTTP-facing recognisers share: verbs, the webhook rule, handler targets, view classes.

A request handler is real-time: a person waits for the response. A webhook is a handler
too, but a machine calls it (Stripe, GitHub) and nobody watches a screen for the answer, so it
is near-real-time; a messenger's webhook (Telegram, WhatsApp, a ``/bot`` path) delivers a
person's chat message, and they wait for the bot's reply: real-time. Handlers come as functions, as classes whose methods
answer HTTP verbs (``View.as_view()``, ``MethodView``, a ``ViewSet``), or as resource
instances (Falcon's ``on_get``); one trigger is emitted per candidate method, and the graph
keeps those that resolve (through inheritance, too).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.resolve import callable_target, short
from llm_latency_lint.expr import last_segment
from llm_latency_lint.model import Expr, Trigger
from llm_latency_lint.syntax.literals import positional

REAL_TIME = "real-time"
NEAR_REAL_TIME = "near-real-time"

HTTP_VERBS: Tuple[str, ...] = ("get", "post", "put", "patch", "delete", "head", "options")
# Path segments and handler names that say "a machine calls this".
_WEBHOOK_PATH = re.compile(r"webhook|(?:^|[/_.\-^'])hooks?(?:[/_.\-{<$']|$)", re.IGNORECASE)
_WEBHOOK_NAME = re.compile(r"webhook", re.IGNORECASE)
# A messenger's webhook delivers a person's chat message; the bot's reply is what they wait for.
# Messaging and customer-chat platforms, named anywhere in a webhook's path or handler name (not a
# ticket desk's: a Zendesk trigger's ticket event is answered by a note or a mail read later, round
# 20's valeriodipalo/zendesk-classifier; Zendesk's messaging arrives through Sunshine Conversations,
# formerly Smooch):
CHAT_PLATFORMS = (
    "telegram", "whatsapp", "messenger", "viber", "twilio", "wechat", "weixin", "wecom", "avito", "instagram",
    "kakao", "zalo", "dingtalk", "feishu", "intercom", "smooch", "crisp", "jivo", "chatwoot", "wazzup",
    "livechat", "freshchat", "sendbird", "gupshup", "messagebird", "mattermost", "rocketchat", "webex", "msteams",
)
# ... and short names only as a whole segment (``/line/webhook``, ``vk_webhook``, ``slack_events``):
CHAT_PLATFORM_WORDS = ("line", "vk", "slack", "discord", "teams", "lark", "signal", "sms", "tg", "bot", "chatbot", "tgbot")
_CHAT_WEBHOOK = re.compile("|".join(CHAT_PLATFORMS) + r"|(?:^|[/_.\-])(?:" + "|".join(CHAT_PLATFORM_WORDS)
                           + r"|(?:tg|chat)_bot)(?:[/_.\-{<]|$)", re.IGNORECASE)
# The trigger source of a chat bot's webhook (``queues.REPLYING_SOURCES``).
CHAT_WEBHOOK = "chat-webhook"
# Calls wrapped around a view in a URLconf or route table: ``csrf_exempt(views.hook)``.
_MAX_UNWRAP = 3


def is_webhook(path: Optional[str], name: str = "") -> bool:
    return bool(path and _WEBHOOK_PATH.search(path)) or bool(name and _WEBHOOK_NAME.search(name))


def is_chat_webhook(path: Optional[str], name: str = "") -> bool:
    """A chat bot's webhook (``/telegram/webhook``, ``def telegram_webhook``): a person waits."""
    return any(text and _CHAT_WEBHOOK.search(text) for text in (path, name))


def route_trigger(
    *,
    label: str,
    source: str,
    target: Expr,
    line: int,
    path: Optional[str],
    methods: Sequence[str] = (),
    what: str = "route",
    handler: str = "",
    payload: Optional[Tuple[str, str]] = None,
    signed: Optional[str] = None,
) -> Trigger:
    """A request-handler trigger; a webhook path or handler name, or a ``signed`` delivery (the
    signature header the handler checks: ``signed_webhooks.py``), makes it near-real-time, a chat
    platform's webhook (by its path or name, or the ``payload`` the handler reads:
    ``chat_payloads.py``) real-time."""
    name = handler or last_segment(target)
    webhook = is_webhook(path, name) or signed is not None
    chat = webhook and is_chat_webhook(path, name) or payload is not None
    webhook = webhook and not chat
    verbs = ",".join(m.upper() for m in methods)
    where = " ".join(p for p in (verbs, path if path is not None else "") if p)
    if payload is not None and not is_webhook(path, name):
        note = (f"{label} {what} {where}".rstrip() + f" reads a {payload[0]}'s payload ({payload[1]}):"
                " a person's chat message, they wait for the reply")
    elif chat:
        note = f"{label} chat bot webhook {what} {where}".rstrip() + " (a person's message: they wait for the reply)"
    elif webhook:
        signs = f" (checks the {signed} signature: " if signed is not None and not is_webhook(path, name) else " ("
        note = f"{label} webhook {what} {where}".rstrip() + f"{signs}called by a machine, nobody waits on a screen)"
    else:
        note = f"{label} {what} {where}".rstrip()
    if handler:
        note += f" -> {handler}"
    return Trigger(
        kind=NEAR_REAL_TIME if webhook else REAL_TIME,
        source="webhook" if webhook else CHAT_WEBHOOK if chat else source,
        target=target,
        line=line,
        note=note,
    )


def class_method_targets(class_expr: Expr, methods: Sequence[str]) -> List[Tuple[Expr, str]]:
    """``[(target, method)]`` for each candidate method of a handler class."""
    if class_expr and class_expr[0] == "name":
        return [(["name", f"{class_expr[1]}.{m}"], m) for m in methods]
    return [(["attr", class_expr, m], m) for m in methods]


@dataclass(frozen=True)
class Handler:
    """A handler found in a registration: the target and how to name it in a note."""

    target: Expr
    label: str


def handler_targets(
    ctx: "Context",
    node: Optional[cst.BaseExpression],
    class_methods: Sequence[str],
    instance_methods: Sequence[str] = (),
    actions: bool = False,
) -> List[Handler]:
    """The functions a route's handler argument starts.

    ``views.fn`` is the function; ``View.as_view()`` is the class's ``class_methods`` (with
    ``actions=True`` a DRF ``as_view({"get": "list"})`` mapping names the methods);
    where handlers are instances (Falcon), ``Resource(db)`` is its ``instance_methods``;
    otherwise ``wrapper(view)`` is ``view``.
    """
    for _ in range(_MAX_UNWRAP + 1):
        if not isinstance(node, cst.Call):
            break
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "as_view":
            methods: Sequence[str] = class_methods
            mapping = positional(node, 0)
            if actions and isinstance(mapping, cst.Dict):
                methods = _dict_values(mapping) or class_methods
            cls = ctx.expr(func.value)
            name = short(ctx, func.value)
            return [Handler(t, f"{name}.{m}") for t, m in class_method_targets(cls, methods)]
        if instance_methods:
            cls = ctx.expr(func)
            name = short(ctx, func)
            return [Handler(t, f"{name}.{m}") for t, m in class_method_targets(cls, instance_methods)]
        node = positional(node, 0)
    target = callable_target(ctx, node)
    if target is None or node is None:
        return []
    return [Handler(target, short(ctx, node))]


def _dict_values(node: cst.Dict) -> List[str]:
    values: List[str] = []
    for element in node.elements:
        if isinstance(element, cst.DictElement) and isinstance(element.value, cst.SimpleString):
            value = element.value.evaluated_value
            if isinstance(value, str) and value not in values:
                values.append(value)
    return values


# ---- view classes ------------------------------------------------------------------------
@dataclass(frozen=True)
class ViewFamily:
    """Classes whose methods answer requests: which bases mark them, which methods answer."""

    label: str  # "Django class-based view"
    source: str  # trigger source id
    bases: Tuple[str, ...]  # qualified base names; an entry ending in "." is a prefix
    methods: FrozenSet[str]  # handler method names
    method_prefixes: Tuple[str, ...] = ()  # e.g. "on_" for Falcon-style responders
    decorators: Tuple[str, ...] = ()  # a method with one of these decorators answers too
    kind: str = REAL_TIME

    def matches(self, base: Optional[str]) -> bool:
        return bool(base) and any(
            base == b or (b.endswith(".") and base.startswith(b)) for b in self.bases  # type: ignore[union-attr]
        )

    def answers(self, name: str, decorators: Sequence[Decorator]) -> bool:
        if name in self.methods or any(name.startswith(p) for p in self.method_prefixes):
            return True
        return any(d.name in self.decorators for d in decorators if d.name)


class ViewClassRecognizer(Recognizer):
    """Methods of classes built on a known handler base (or on such a class in this file)."""

    families: Tuple[ViewFamily, ...] = ()

    def family_for(self, ctx: "Context", node: cst.ClassDef, bases: List[Optional[str]]) -> Optional[ViewFamily]:
        for base in bases:
            for family in self.families:
                if family.matches(base):
                    return family
        return None

    def on_class(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        known: Dict[str, ViewFamily] = ctx.state(self)
        family = next((known[b] for b in bases if b in known), None) or self.family_for(ctx, node, bases)
        if family is not None:
            known[qualname] = family

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        known: Dict[str, ViewFamily] = ctx.state(self)
        fn = ctx.facts.functions.get(qualname)
        if fn is None or fn.cls is None or fn.cls not in known or qualname != f"{fn.cls}.{fn.name}":
            return
        family = known[fn.cls]
        if not family.answers(fn.name, decorators):
            return
        cls_name = fn.cls.rsplit(".", 1)[-1]
        webhook = is_webhook(None, cls_name) or is_webhook(None, fn.name)
        kind = NEAR_REAL_TIME if webhook else family.kind
        note = f"{family.label} {cls_name}.{fn.name}"
        if webhook:
            note += " (a webhook: called by a machine, nobody waits on a screen)"
        ctx.add_trigger(
            Trigger(
                kind=kind,
                source="webhook" if webhook else family.source,
                target=["name", qualname],
                line=fn.line,
                note=note,
            )
        )
