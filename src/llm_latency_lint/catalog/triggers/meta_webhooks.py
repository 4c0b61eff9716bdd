"""Meta's messaging webhooks (WhatsApp Cloud API, Messenger, Instagram), told by their handshake.

Meta verifies a callback URL with ``hub.mode=subscribe``, ``hub.verify_token``, ``hub.challenge``
before it posts the events there, usually to a POST handler that hands the JSON to a helper. The
handshake alone names no platform: Strava's webhooks and WebSub hubs (YouTube's push notifications)
send the same keys, and so do Meta's Graph webhooks for page feeds and lead forms, where nobody waits
for a reply. So a route is Meta's messaging webhook when a handler of its (router object, path)
answers the handshake and a handler there shows a messaging sign: it reads a message's keys
(``entry[0]["messaging"]``, ``value["messages"]``), compares ``object`` with a messaging platform's
name, or calls a function whose qualified name names one (``from src.whatsapp import extract_message``,
``send_whatsapp_message``);
and none reads another webhook's fields (WebSub's ``hub.topic``, Strava's ``aspect_type``, a Graph
change's ``leadgen`` / ``feed``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, Optional, Set, Tuple

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context
from llm_latency_lint.catalog.triggers.chat_payloads import handler_fields
from llm_latency_lint.syntax.walk import nodes_of


@dataclass(frozen=True)
class Handshake:
    """A platform's callback verification, and what tells its events from other webhooks'."""

    platform: str
    keys: FrozenSet[str]  # read by the handler answering the verification
    message_keys: FrozenSet[str]  # the message payload's keys, read by a handler of the route
    objects: FrozenSet[str]  # values of the payload's ``object`` naming a messaging platform
    name_words: FrozenSet[str]  # a word of a called function's qualified name naming the platform
    other_keys: FrozenSet[str]  # keys or compared values of webhooks sharing the handshake
    source: str = ""


META_HANDSHAKE = Handshake(
    "Meta messaging webhook (WhatsApp, Messenger, Instagram)",
    frozenset({"hub.challenge", "hub.verify_token"}),
    frozenset({"messaging", "messages"}),
    frozenset({"whatsapp_business_account", "page", "instagram"}),
    frozenset({"whatsapp", "messenger", "instagram"}),
    frozenset({"hub.topic", "hub.lease_seconds", "aspect_type", "leadgen", "feed"}),
    "https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests",
)
RouteKey = Tuple[str, str]  # (the router object's code, the path)
_WORDS = re.compile(r"[._]")


def handshake_routes(ctx: "Context", key_of: Callable[[cst.Call], Optional[RouteKey]]) -> FrozenSet[RouteKey]:
    """The routes (``key_of`` a decorator call) of this file that are Meta's messaging webhooks."""
    if not any(ctx.mentions(key) for key in META_HANDSHAKE.keys):
        return frozenset()
    routes: Dict[RouteKey, Set[str]] = {}  # route -> what its handlers show: "handshake", "sign", "other"
    for node in nodes_of(ctx.tree(), cst.FunctionDef):
        calls = (d.decorator for d in node.decorators if isinstance(d.decorator, cst.Call))
        keys = [k for k in (key_of(call) for call in calls) if k is not None]
        if keys:
            shown = _shows(ctx, node)
            for key in keys:
                routes.setdefault(key, set()).update(shown)
    return frozenset(k for k, shown in routes.items() if {"handshake", "sign"} <= shown and "other" not in shown)


def _shows(ctx: "Context", node: cst.FunctionDef) -> Set[str]:
    read = handler_fields(ctx, node)
    compared = {
        s.evaluated_value for comp in nodes_of(node.body, cst.Comparison)
        for s in nodes_of(comp, cst.SimpleString) if isinstance(s.evaluated_value, str)
    }
    called = {ctx.qualified(call.func) or "" for call in nodes_of(node.body, cst.Call)}
    words = {word for q in called for word in _WORDS.split(q.lower())}
    shown: Set[str] = set()
    if read & META_HANDSHAKE.keys:
        shown.add("handshake")
    if read & META_HANDSHAKE.message_keys or compared & META_HANDSHAKE.objects or words & META_HANDSHAKE.name_words:
        shown.add("sign")
    if (read | compared) & META_HANDSHAKE.other_keys:
        shown.add("other")
    return shown
