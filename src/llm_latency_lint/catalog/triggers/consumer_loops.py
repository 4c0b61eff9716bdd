"""More long-lived consumers: the message handler is near-real-time work whatever command starts it.

``events.py`` and ``event_loops.py`` read Kafka, SQS, Redis streams and pub/sub, Pub/Sub, pika and
NATS; here the other canonical shapes of the same class (each from its library's documentation):

- Redis lists used as a queue: ``while True: item = r.blpop("jobs")`` (also ``brpop``,
  ``brpoplpush``, ``blmove``, ``bzpopmin``/``bzpopmax``): the function holding the loop;
- aio-pika's iterator: ``async with queue.iterator() as it: async for message in it:`` (or
  ``async for message in queue.iterator()``): the function holding the loop;
- kombu's ``ConsumerMixin``: ``get_consumers(self, Consumer, channel)`` returning
  ``Consumer(queues=[...], callbacks=[self.on_message])`` (the ``Consumer`` there is a parameter,
  not ``kombu.Consumer``): each callback.

A wrapper passing its own parameter to ``basic_consume(on_message_callback=func)`` hands on what
its callers pass (``events.py``).
"""
from __future__ import annotations

from typing import Optional, Sequence, Set

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.enclosing_loops import function_nodes
from llm_latency_lint.catalog.triggers.resolve import callable_target, short
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import kwarg

BLOCKING_POPS = frozenset({"blpop", "brpop", "brpoplpush", "blmove", "bzpopmin", "bzpopmax"})


def _event(target, line: int, note: str, source: str) -> Trigger:
    return Trigger(kind="near-real-time", source=source, target=target, line=line, note=note)


class ConsumerLoops(Recognizer):
    id = "consumer-loops"
    words = ("blpop", "brpop", "brpoplpush", "blmove", "bzpop", "aio_pika", "get_consumers")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        aio_pika = ctx.imports("aio_pika")
        if not aio_pika and not any(ctx.mentions(word) for word in BLOCKING_POPS):
            return  # one substring search per file, not a walk of every function
        short_name = qualname.rsplit(".", 1)[-1]
        iterators: Set[str] = set()
        for inner, in_while in function_nodes(ctx, node):
            if in_while and isinstance(inner, cst.Call) and isinstance(inner.func, cst.Attribute) \
                    and inner.func.attr.value in BLOCKING_POPS:
                ctx.add_trigger(_event(["name", qualname], ctx.line(inner),
                                       f"Redis list {inner.func.attr.value} loop in {short_name}", "redis-list-consumer"))
                return
            if not aio_pika:
                continue
            if isinstance(inner, cst.WithItem) and _is_iterator(inner.item) and isinstance(inner.asname, cst.AsName) \
                    and isinstance(inner.asname.name, cst.Name):
                iterators.add(inner.asname.name.value)
            elif isinstance(inner, cst.For) and (_is_iterator(inner.iter) or (
                    isinstance(inner.iter, cst.Name) and inner.iter.value in iterators)):
                ctx.add_trigger(_event(["name", qualname], ctx.line(inner),
                                       f"aio-pika queue iterator loop in {short_name}", "rabbitmq-consumer"))
                return

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if not (isinstance(node.func, cst.Name) and node.func.value == "Consumer"
                and ctx.function.endswith(".get_consumers")):
            return
        listed = kwarg(node, "callbacks")
        for element in listed.elements if isinstance(listed, (cst.List, cst.Tuple)) else ():
            target = callable_target(ctx, element.value)
            if target is not None:
                ctx.add_trigger(_event(target, ctx.line(node), f"kombu ConsumerMixin callback -> "
                                       f"{short(ctx, element.value)}", "kombu-consumer"))


def _is_iterator(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "iterator"


RECOGNIZERS = [ConsumerLoops()]
