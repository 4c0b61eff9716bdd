"""Django Channels: what runs a consumer's methods besides the websocket itself.

A websocket consumer's ``connect`` / ``receive`` / ``receive_json`` are real-time (``chat_bots``,
``EVENT_FAMILIES``). The rest of a consumer runs on messages sent through the channel layer, and
the message's ``type`` names the method, dots becoming underscores
(https://channels.readthedocs.io/en/stable/topics/consumers.html, "Channel layers"):

- ``self.channel_layer.group_send(group, {"type": "chat.message", ...})`` (also through
  ``async_to_sync(channel_layer.group_send)(...)``, ``channel_layer = get_channel_layer()``) runs
  ``chat_message`` on every consumer in the group: inside a consumer, this class's method, called
  while the sender's person waits (the answer goes back on the socket); outside a consumer (a view,
  a task) the method of that name wherever the project defines it (the name-based fallback).
- ``channel_layer.send("worker-channel", {...})`` hands the message to a background worker
  (``ChannelNameRouter``): a queue edge, nobody waits; ``send(self.channel_name, ...)`` is the
  consumer's own socket, a call.
- A ``SyncConsumer`` / ``AsyncConsumer`` subclass with no ``websocket_*`` / ``http_*`` method is
  such a worker: its public methods run when a message arrives (near-real-time, weak like the
  task workers of ``task_workers``: a stronger trigger that reaches them wins).
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.model import CallRef, Expr, Trigger
from llm_latency_lint.syntax.literals import arg

LAYER_SENDS = frozenset({"group_send", "send"})
WORKER_BASES = ("channels.consumer.SyncConsumer", "channels.consumer.AsyncConsumer")
PROTOCOL_PREFIXES = ("websocket_", "http_")
ASYNC_TO_SYNC = ("asgiref.sync.async_to_sync",)


def message_type(ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[str]:
    """The ``type`` of a message dict literal (or of a module-level constant dict)."""
    if isinstance(node, cst.Dict):
        for element in node.elements:
            if isinstance(element, cst.DictElement) and ctx.literal(element.key) == "type":
                value = ctx.literal(element.value)
                return value if isinstance(value, str) else None
        return None
    value = ctx.literal(node)
    found = value.get("type") if isinstance(value, dict) else None
    return found if isinstance(found, str) else None


def handler_name(kind: str) -> str:
    """``"chat.message"`` -> ``chat_message`` (Channels' own mapping)."""
    return kind.replace(".", "_")


class ChannelLayerMessages(Recognizer):
    """``group_send`` / ``send`` of a typed message: an edge to the consumer method it names."""

    id = "channels-layer-messages"
    words = ("group_send", "channel_layer")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        func = node.func
        if isinstance(func, cst.Call) and ctx.qualified(func.func) in ASYNC_TO_SYNC and func.args:
            func = func.args[0].value  # ``async_to_sync(channel_layer.group_send)(group, message)``
        if not (isinstance(func, cst.Attribute) and func.attr.value in LAYER_SENDS):
            return
        if "channel_layer" not in ctx.code(func.value) and not ctx.imports("channels"):
            return
        kind = message_type(ctx, arg(node, "message", 1))
        if not kind:
            return
        method = handler_name(kind)
        channel = ctx.code(node.args[0].value) if node.args else ""
        own = func.attr.value == "group_send" or channel.endswith("channel_name")
        cls = self._consumer(ctx)
        target: Expr = ["attr", ["self", cls], method] if cls and own else \
            ["attr", ["unknown", "a channel layer's consumer"], method]
        verb = func.attr.value
        note = f"channel layer {verb} type '{kind}' runs {method}" + ("" if own else " in a worker, nobody waits")
        ctx.add_call(CallRef(target, ctx.line(node), 0, kind="call" if own else "queue", note=note))

    @staticmethod
    def _consumer(ctx: "Context") -> Optional[str]:
        fn = ctx.facts.functions.get(ctx.function)
        return fn.cls if fn is not None else None


class ChannelWorkers(Recognizer):
    """Public methods of a background worker consumer (no websocket or HTTP protocol methods)."""

    id = "channels-workers"
    words = ("SyncConsumer", "AsyncConsumer")

    def on_class(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        if any(b in WORKER_BASES for b in bases if b):
            ctx.state(self).setdefault("classes", {})[qualname] = []

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        classes: Dict[str, List[str]] = ctx.state(self).get("classes", {})
        owner = qualname.rpartition(".")[0]
        if owner in classes:
            classes[owner].append(qualname)

    def on_module_end(self, ctx: "Context") -> None:
        for cls, methods in ctx.state(self).get("classes", {}).items():
            names = [m.rsplit(".", 1)[-1] for m in methods]
            if any(n.startswith(PROTOCOL_PREFIXES) for n in names):
                continue  # a raw websocket or HTTP consumer: ``chat_bots`` has its protocol methods
            for qual, name in zip(methods, names):
                if name.startswith("_"):
                    continue
                fn = ctx.facts.functions.get(qual)
                note = (f"Django Channels worker {cls.rsplit('.', 1)[-1]}.{name}: runs when a message of type "
                        f"'{name.replace('_', '.')}' arrives on its channel (ChannelNameRouter)")
                ctx.add_trigger(Trigger(kind="near-real-time", source="channels-worker", target=["name", qual],
                                        line=fn.line if fn else 0, note=note, weak=True))


RECOGNIZERS = [ChannelLayerMessages(), ChannelWorkers()]
