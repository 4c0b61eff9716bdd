"""Kafka topics a project both produces to and consumes: a queue between the producing function
and the consuming loop.

A producer's ``producer.send("tickets", value)`` (kafka-python, aiokafka's ``send_and_wait``,
confluent-kafka's ``produce``) on an object a Kafka producer class built is the entry
``launch:<qualname>`` sending to ``kafka-topic:tickets``; the function building a consumer on the
topic (``KafkaConsumer("tickets", ...)``, ``consumer.subscribe(["tickets"])``) declares its consumer
(``catalog/queues.py`` ``KAFKA_BUILT_SOURCE``), which the project stage gives to the loop reading it:
that function itself, or the loop over the result of the factory that built it
(``consumer = make_consumer()`` then ``for msg in consumer``, ``project/fed_queues.py``). So a
consumer whose every producer the scan finds runs for them: a self-timed loop streaming into the
topic makes the consumer's work the loop's schedule (round 14's prakharps/event-driven-ai-analyst),
a route's send keeps it near-real-time. A topic is named by a literal, a module constant, or another
module's constant or class attribute (``AppSettings.TOPIC_INCOMING``: ``kafka-topic:@<qualified>``,
whose literal the project stage reads); a send to a topic the scan cannot name is a send to any
topic (``KAFKA_ANY_TOPIC``), which keeps every consumer's own event.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import libcst as cst

from llm_latency_lint.catalog.command_lines import LAUNCH
from llm_latency_lint.catalog.kafka_queues import (
    KAFKA_ANY_TOPIC,
    KAFKA_BUILT_SOURCE,
    KAFKA_PRODUCERS,
    KAFKA_SEND_METHODS,
    KAFKA_TOPIC_KEY,
)
from llm_latency_lint.catalog.queues import QUEUE_SEND_SOURCE
from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.catalog.triggers.events import KAFKA_CONSUMERS, KAFKA_ROOTS
from llm_latency_lint.catalog.triggers.resolve import origin
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import arg


def topic_key(ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[str]:
    """A topic's key: its literal, or the qualified name of the constant holding it."""
    if node is None:
        return None
    literal = ctx.literal(node)
    if isinstance(literal, str) and literal:
        return KAFKA_TOPIC_KEY + literal
    name = ctx.qualified(node) if isinstance(node, (cst.Name, cst.Attribute)) else None
    return f"{KAFKA_TOPIC_KEY}@{name}" if name and "." in name else None


def _topics(ctx: "Context", nodes: List[cst.BaseExpression]) -> List[str]:
    """The keys of the topics a consumer's arguments name (a list or tuple literal spelled out)."""
    keys: List[str] = []
    for node in nodes:
        items = [e.value for e in node.elements] if isinstance(node, (cst.List, cst.Tuple)) else [node]
        keys.extend(k for k in (topic_key(ctx, item) for item in items) if k and k not in keys)
    return keys


class KafkaTopics(Recognizer):
    id = "kafka-topics"
    words = ("KafkaProducer", "KafkaConsumer", "Producer", "Consumer")

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        """Every value a function's local takes (``producer = None`` before a retry loop builds it)."""
        if any(ctx.imports(root) for root in KAFKA_ROOTS):
            bound: Dict[Tuple[str, str], List[cst.BaseExpression]] = ctx.state(self)
            for target in targets:
                bound.setdefault((ctx.function, target), []).append(value)

    def _ctors(self, ctx: "Context", node: cst.BaseExpression) -> List[str]:
        """The Kafka classes that may have built ``node``: what this file shows built it, or any
        value a local of the function was bound to."""
        values = [node]
        if isinstance(node, cst.Name):
            values += ctx.state(self).get((ctx.function, node.value), [])
        found = (origin(ctx, ctx.expr(v)) for v in values)
        return [o.ctor for o in found if o is not None and not o.path]

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if not ctx.function or not any(ctx.imports(root) for root in KAFKA_ROOTS):
            return
        func = node.func
        if callee in KAFKA_CONSUMERS:  # ``KafkaConsumer("a", "b", bootstrap_servers=...)``
            self._built(ctx, node, _topics(ctx, [a.value for a in node.args if a.keyword is None and not a.star]))
            return
        if not isinstance(func, cst.Attribute):
            return
        method = func.attr.value
        if method != "subscribe" and method not in KAFKA_SEND_METHODS:
            return
        built = self._ctors(ctx, func.value)
        if method == "subscribe" and KAFKA_CONSUMERS.intersection(built):
            topics = arg(node, "topics", 0)
            self._built(ctx, node, _topics(ctx, [topics] if topics is not None else []))
        elif method in KAFKA_SEND_METHODS and KAFKA_PRODUCERS.intersection(built):
            key = topic_key(ctx, arg(node, "topic", 0)) or KAFKA_ANY_TOPIC
            shown = key[len(KAFKA_TOPIC_KEY):].lstrip("@") if key != KAFKA_ANY_TOPIC else "a topic it cannot name"
            ctx.add_trigger(Trigger(kind="entry", source=QUEUE_SEND_SOURCE, target=["entry", key], line=ctx.line(node),
                                    entry_key=f"{LAUNCH}{ctx.function}",
                                    note=f"{ctx.function.rsplit('.', 1)[-1]} sends to Kafka topic {shown} ({method})"))

    @staticmethod
    def _built(ctx: "Context", node: cst.Call, keys: List[str]) -> None:
        short = ctx.function.rsplit(".", 1)[-1]
        for key in keys:
            ctx.add_trigger(Trigger(kind="entry", source=KAFKA_BUILT_SOURCE, target=["name", ctx.function],
                                    line=ctx.line(node), entry_key=key,
                                    note=f"{short} builds a Kafka consumer of topic {key[len(KAFKA_TOPIC_KEY):].lstrip('@')}"))


RECOGNIZERS = [KafkaTopics()]
