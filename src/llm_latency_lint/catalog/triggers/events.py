"""Event-driven code: something happened and a consumer reacts; nobody waits on a screen.

Near-real-time triggers (Django signals: ``django_signals.py``):
- Queue consumers, marked on the function that consumes: a Kafka consumer built, polled or
  iterated (``for msg in consumer:``), SQS ``receive_message`` / Redis ``xreadgroup`` in a
  ``while`` loop; and consumer callbacks: Pub/Sub ``subscribe(path, callback=fn)``, RabbitMQ
  ``basic_consume(on_message_callback=fn)``, aio-pika ``queue.consume(fn)``, kombu
  ``Consumer(callbacks=[fn])``, NATS ``subscribe(subject, cb=fn)``.
- Event decorators (one table): Faust ``@app.agent(topic)``, FastStream
  ``@broker.subscriber("orders")``, Azure Functions queue/blob/event triggers, Google Cloud
  Functions ``@functions_framework.cloud_event`` (weak; ``catalog/cloud_schedulers``). Faust ``@app.timer``/``@app.crontab`` and
  Azure ``@app.timer_trigger`` (or its alias ``@app.schedule``) in the same families are scheduled.
Dramatiq: ``actor.send(...)`` is recorded as a queue edge, like Celery's ``.delay``, so the
graph gives the actor whatever class its sender has (near-real-time when nothing triggers
the sender); the periodic actors are ``dramatiq.py``'s.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog.cloud_schedulers import EVENT_SOURCE, function_entry
from llm_latency_lint.catalog.schedule_words import describe_cron, interval
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.enclosing_loops import (
    FunctionMemory,
    function_nodes,
)
from llm_latency_lint.catalog.triggers.resolve import (
    Origin,
    callable_target,
    followable,
    origin,
    short,
)
from llm_latency_lint.model import CallRef, Expr, Trigger
from llm_latency_lint.syntax.literals import arg, kwarg, positional

NEAR_REAL_TIME = "near-real-time"
SCHEDULED = "scheduled"


def _event(target: Expr, line: int, note: str, source: str) -> Trigger:
    return Trigger(kind=NEAR_REAL_TIME, source=source, target=target, line=line, note=note)


def _text(ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[str]:
    value = ctx.literal(node)
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "', '".join(value)
    return None


# ---- queue consumers marked on the consuming function --------------------------------------
KAFKA_CONSUMERS = frozenset({
    "kafka.KafkaConsumer", "kafka.consumer.KafkaConsumer", "aiokafka.AIOKafkaConsumer",
    "confluent_kafka.Consumer", "confluent_kafka.DeserializingConsumer", "confluent_kafka.avro.AvroConsumer",
})
KAFKA_ROOTS = ("kafka", "aiokafka", "confluent_kafka")
KAFKA_READS = frozenset({"poll", "consume", "getone", "getmany"})
# Methods that pull messages; inside a ``while`` loop they make a consumer: method -> (label, source).
LOOP_READS: Dict[str, Tuple[str, str]] = {
    "receive_message": ("SQS receive_message", "sqs-consumer"),
    "receive_messages": ("SQS receive_messages", "sqs-consumer"),
    "xreadgroup": ("Redis stream xreadgroup", "redis-stream-consumer"),
    "xread": ("Redis stream xread", "redis-stream-consumer"),
}


# How a function consumes, strongest evidence first, and how the note says it.
_HOW = {"loop": "loop", "poll": "poll loop", "subscribe": "", "built": ""}
_RANK = {"loop": 0, "poll": 1, "subscribe": 2, "built": 3}


@dataclass
class _Consumer:
    line: int
    label: str
    source: str
    how: str
    channels: List[str]
    noun: str = "topic"
    receiver: Optional[Expr] = None  # a consumer another module builds: the project stage checks it

    def note(self, function: str) -> str:
        phrase = _HOW[self.how]
        text = f"{self.label} {phrase}".rstrip()
        if self.channels:
            plural = "s" if len(self.channels) > 1 else ""
            text += f" {'over' if phrase else 'on'} {self.noun}{plural} '" + "', '".join(self.channels) + "'"
        return f"{text} in {function.rsplit('.', 1)[-1]}"


class QueueConsumers(Recognizer):
    """Functions that pull from a queue: Kafka consumers, SQS and Redis-stream read loops."""

    id = "queue-consumers"
    words = ("kafka", "KafkaConsumer", "receive_message", "xreadgroup", "xread")

    def __init__(self) -> None:
        self.memory = FunctionMemory(self)

    def _found(self, ctx: "Context") -> Dict[str, _Consumer]:
        return ctx.state(self).setdefault("consumers", {})

    def _mark(self, ctx: "Context", function: str, line: int, label: str, source: str, how: str,
              channels: Sequence[str] = (), noun: str = "topic", receiver: Optional[Expr] = None) -> None:
        found = self._found(ctx).setdefault(function, _Consumer(line, label, source, how, [], noun, receiver))
        found.receiver = found.receiver if receiver is not None else None  # one seen here settles it
        if _RANK[how] < _RANK[found.how]:
            found.how, found.line = how, line
        found.channels.extend(c for c in channels if c not in found.channels)

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        self.memory.remember(ctx, qualname, node)
        kafka = any(ctx.imports(root) for root in KAFKA_ROOTS)
        for inner, _ in function_nodes(ctx, node):
            if type(inner) is cst.For:  # not ``isinstance``: an ABC's failing check is a Python call per node
                built = self._kafka(ctx, inner.iter) if kafka else None
                # ``consumer = await make_consumer(topic)`` (a factory of another module), then
                # ``async for msg in consumer``: a candidate the project stage follows to its constructor
                candidate = None if built is not None else self._candidate(ctx, inner.iter, True)
                if built is not None or candidate is not None:
                    topics = [built.literal] if built is not None and built.literal else []
                    self._mark(ctx, qualname, ctx.line(inner), "Kafka consumer", "kafka-consumer", "loop", topics,
                               receiver=candidate)

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        func = node.func
        if callee in KAFKA_CONSUMERS:
            # A function that builds a consumer may only store it (``self.consumer = ...``);
            # a script's top level that builds one is there to consume.
            if not ctx.function.endswith((".<module>", ".__main__")):
                return
            topics: List[str] = [v for v in (ctx.literal(a.value) for a in node.args if a.keyword is None) if isinstance(v, str)]
            self._mark(ctx, ctx.function, ctx.line(node), "Kafka consumer", "kafka-consumer", "built", topics)
            return
        if not isinstance(func, cst.Attribute):
            return
        method = func.attr.value
        if method == "subscribe" or method in KAFKA_READS:
            candidate = None
            if self._kafka(ctx, func.value) is None:
                candidate = self._candidate(ctx, func.value, False) if method in KAFKA_READS else None
                if candidate is None:
                    return
            topics = []
            if method == "subscribe":
                value = ctx.literal(arg(node, "topics", 0))
                topics = [value] if isinstance(value, str) else [v for v in value or [] if isinstance(v, str)]
            self._mark(ctx, ctx.function, ctx.line(node), "Kafka consumer", "kafka-consumer",
                       "poll" if method in KAFKA_READS else "subscribe", topics, receiver=candidate)
        elif method in LOOP_READS and self.memory.in_while(ctx, node):
            label, source = LOOP_READS[method]
            queue = _text(ctx, kwarg(node, "QueueUrl")) if source == "sqs-consumer" else None
            self._mark(ctx, ctx.function, ctx.line(node), label, source, "loop", [queue] if queue else [], "queue")

    @staticmethod
    def _kafka(ctx: "Context", node: cst.BaseExpression) -> Optional[Origin]:
        built = origin(ctx, ctx.expr(node))
        return built if built is not None and built.ctor in KAFKA_CONSUMERS and not built.path else None

    @staticmethod
    def _candidate(ctx: "Context", node: cst.BaseExpression, built_only: bool) -> Optional[Expr]:
        """A receiver this file cannot type that a project factory, parameter or global may hold;
        ``built_only`` (a loop): only a factory's result (``consumer = make_consumer()``)."""
        expr, built = followable(ctx.expr(node)), origin(ctx, ctx.expr(node))
        if expr is None or (built is not None and ("." not in built.ctor or built.ctor in KAFKA_CONSUMERS)):
            return None  # ``sorted(...)``, a list: nothing to follow (a Kafka consumer built here is no candidate)
        return expr if not built_only or (expr[0] == "call" and expr[1][:1] == ["name"]) else None

    def on_module_end(self, ctx: "Context") -> None:
        for function, found in self._found(ctx).items():
            trigger = _event(["name", function], found.line, found.note(function), found.source)
            if found.receiver is not None:
                # the consumer classes themselves: a confluent ``Producer`` also has ``poll()``
                trigger.receiver, trigger.receiver_roots = found.receiver, sorted(KAFKA_CONSUMERS)
            ctx.add_trigger(trigger)


# ---- consumer callbacks ---------------------------------------------------------------------
@dataclass(frozen=True)
class CallbackSpec:
    """``<receiver>.<method>(..., <callback>)`` registers a message callback."""

    method: str
    label: str
    source: str
    callback_kwargs: Tuple[str, ...]  # where the callback is, by keyword
    callback_index: Optional[int]  # ...or by position
    roots: Tuple[str, ...] = ()  # the file must import one of these (or the receiver be built by one)
    channel_kwargs: Tuple[str, ...] = ()  # the queue/topic/subject, by keyword
    channel_index: Optional[int] = None  # ...or by position
    any_position: bool = False  # else the first positional name (pika < 1.0 put the callback first)


CALLBACKS: Tuple[CallbackSpec, ...] = (
    CallbackSpec("subscribe", "Pub/Sub subscription", "pubsub-subscriber", ("callback",), 1,
                 ("google.cloud.pubsub_v1", "google.cloud.pubsub"), ("subscription",), 0),
    CallbackSpec("basic_consume", "RabbitMQ basic_consume", "rabbitmq-consumer",
                 ("on_message_callback", "consumer_callback"), None, (), ("queue",), None, any_position=True),
    CallbackSpec("consume", "aio-pika queue.consume", "rabbitmq-consumer", ("callback",), 0, ("aio_pika",)),
    CallbackSpec("subscribe", "NATS subscription", "nats-subscriber", ("cb",), None, ("nats",), ("subject",), 0),
)
# Constructors taking callbacks: qualified name -> (label, source, keyword holding a list of callbacks).
CALLBACK_CONSTRUCTORS: Dict[str, Tuple[str, str, str]] = {
    "kombu.Consumer": ("kombu Consumer", "kombu-consumer", "callbacks"),
    "kombu.messaging.Consumer": ("kombu Consumer", "kombu-consumer", "callbacks"),
}


class ConsumerCallbacks(Recognizer):
    """Callbacks handed to a subscriber: Pub/Sub, RabbitMQ (pika, aio-pika), kombu, NATS."""

    id = "consumer-callbacks"
    words = ("pubsub", "basic_consume", "aio_pika", "kombu", "nats")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if callee in CALLBACK_CONSTRUCTORS:
            label, source, keyword = CALLBACK_CONSTRUCTORS[callee]
            listed = kwarg(node, keyword)
            elements = listed.elements if isinstance(listed, (cst.List, cst.Tuple)) else ()
            for element in elements:
                self._add(ctx, node, element.value, label, source, None)
            return
        func = node.func
        if not isinstance(func, cst.Attribute):
            return
        for spec in CALLBACKS:
            if func.attr.value != spec.method or not self._applies(ctx, func.value, spec):
                continue
            handler = next((kwarg(node, k) for k in spec.callback_kwargs if kwarg(node, k) is not None), None)
            if handler is None and spec.callback_index is not None:
                handler = positional(node, spec.callback_index)
            if handler is None and spec.any_position:
                handler = next((a.value for a in node.args if a.keyword is None
                                and isinstance(a.value, (cst.Name, cst.Attribute))), None)
            if handler is None:
                continue
            channel = next((_text(ctx, kwarg(node, k)) for k in spec.channel_kwargs if kwarg(node, k) is not None),
                           None)
            if channel is None and spec.channel_index is not None:
                channel = _text(ctx, positional(node, spec.channel_index))
            if self._add(ctx, node, handler, spec.label, spec.source, channel):
                return

    @staticmethod
    def _applies(ctx: "Context", receiver: cst.BaseExpression, spec: CallbackSpec) -> bool:
        if not spec.roots:
            return True
        built = origin(ctx, ctx.expr(receiver))
        if built is not None:
            return any(built.ctor.startswith(root + ".") for root in spec.roots)
        return any(ctx.imports(root) for root in spec.roots)

    @staticmethod
    def _add(ctx: "Context", node: cst.Call, handler: cst.BaseExpression, label: str, source: str,
             channel: Optional[str]) -> bool:
        target = callable_target(ctx, handler)
        if target is None and isinstance(handler, cst.Name):  # a wrapper's parameter: what its callers pass
            expr = ctx.expr(handler)
            target = expr if expr and expr[0] == "param" else None
        if target is None:
            return False
        where = f" '{channel}'" if channel else ""
        ctx.add_trigger(_event(target, ctx.line(node), f"{label}{where} callback -> {short(ctx, handler)}", source))
        return True


# ---- event decorators -----------------------------------------------------------------------
@dataclass(frozen=True)
class EventDecorator:
    root: str  # the framework's import root
    attr: str  # ``@<app>.<attr>(...)`` or the qualified ``<root>.<attr>``
    label: str
    source: str
    kind: str = NEAR_REAL_TIME
    channel_kwargs: Tuple[str, ...] = ()  # queue/topic name, by keyword (position 0 otherwise)
    schedule: str = ""  # "interval" | "cron" | "ncrontab" for scheduled entries
    weak: bool = False  # names no event: what the deploy subscribes it to (a scheduled topic) outranks it


_AZURE_EVENTS = (
    ("queue_trigger", "queue_name"), ("service_bus_queue_trigger", "queue_name"),
    ("service_bus_topic_trigger", "topic_name"), ("event_hub_message_trigger", "event_hub_name"),
    ("blob_trigger", "path"), ("event_grid_trigger", "arg_name"), ("cosmos_db_trigger", "container_name"),
    ("kafka_trigger", "topic"),
)
EVENT_DECORATORS: Tuple[EventDecorator, ...] = (
    EventDecorator("faust", "agent", "Faust agent", "faust-agent"),
    EventDecorator("faust", "timer", "Faust timer", "faust-timer", SCHEDULED, ("interval",), "interval"),
    EventDecorator("faust", "crontab", "Faust crontab", "faust-crontab", SCHEDULED, ("cron_format",), "cron"),
    EventDecorator("faststream", "subscriber", "FastStream subscriber", "faststream-subscriber"),
    *(EventDecorator("azure.functions", attr, f"Azure Functions {attr}", "azure-functions-trigger",
                     channel_kwargs=(kw,)) for attr, kw in _AZURE_EVENTS),
    # ``FunctionApp.schedule`` is the v2 model's other name for ``timer_trigger`` (same arguments)
    *(EventDecorator("azure.functions", attr, f"Azure Functions {attr}", "azure-functions-timer",
                     SCHEDULED, ("schedule",), "ncrontab") for attr in ("timer_trigger", "schedule")),
    EventDecorator("functions_framework", "cloud_event", "Google Cloud Functions CloudEvent function",
                   EVENT_SOURCE, weak=True),
)


class EventDecorators(Recognizer):
    """Decorators that subscribe a function to a topic, queue, timer or cloud event."""

    id = "event-decorators"
    words = ("faust", "faststream", "azure.functions", "functions_framework")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            spec = self._spec(ctx, dec)
            if spec is None:
                continue
            channel = self._channel(ctx, dec, spec)
            schedule = self._schedule(ctx, dec, spec)
            where = f" '{channel}'" if channel and spec.kind != SCHEDULED else ""
            when = f" {schedule}" if schedule else ""
            note = f"{spec.label}{where}{when} -> {node.name.value}"
            ctx.add_trigger(Trigger(kind=spec.kind, source=spec.source, target=["name", qualname], line=dec.line,
                                    note=note, schedule=schedule, weak=spec.weak))
            if spec.source == EVENT_SOURCE:  # docs may name it as what a cloud scheduler fires
                ctx.add_trigger(function_entry(qualname, node.name.value, dec.line, spec.label))

    @staticmethod
    def _spec(ctx: "Context", dec: Decorator) -> Optional[EventDecorator]:
        for spec in EVENT_DECORATORS:
            if dec.attr != spec.attr or not ctx.imports(spec.root):
                continue
            if dec.name == f"{spec.root}.{spec.attr}":
                return spec  # a module-level decorator
            callee = dec.call.func if dec.call is not None else dec.node.decorator
            if not isinstance(callee, cst.Attribute):
                continue
            built = origin(ctx, ctx.expr(callee.value))
            if built is None or built.ctor.startswith(spec.root + "."):
                return spec
        return None

    @staticmethod
    def _channel(ctx: "Context", dec: Decorator, spec: EventDecorator) -> Optional[str]:
        if dec.call is None:
            return None
        node = next((kwarg(dec.call, k) for k in spec.channel_kwargs if kwarg(dec.call, k) is not None), None)
        node = node if node is not None else positional(dec.call, 0)
        text = _text(ctx, node)
        if text is not None or node is None:
            return text
        # ``topic = app.topic("orders")`` then ``@app.agent(topic)``: the topic's first literal.
        built = origin(ctx, ctx.expr(node))
        return built.literal if built is not None else None

    @staticmethod
    def _schedule(ctx: "Context", dec: Decorator, spec: EventDecorator) -> Optional[str]:
        if not spec.schedule or dec.call is None:
            return None
        node = next((kwarg(dec.call, k) for k in spec.channel_kwargs if kwarg(dec.call, k) is not None), None)
        value = ctx.literal(node if node is not None else positional(dec.call, 0))
        if spec.schedule == "interval" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return interval(float(value))
        if isinstance(value, str) and spec.schedule == "cron":
            return describe_cron(value)
        if isinstance(value, str) and spec.schedule == "ncrontab":
            fields = value.split()  # NCRONTAB leads with a seconds field
            return describe_cron(" ".join(fields[1:])) if len(fields) == 6 else describe_cron(value)
        return None


# ---- dramatiq .send ---------------------------------------------------------------------------
class ActorSends(Recognizer):
    """``actor.send(...)`` queues a Dramatiq actor: recorded as a queue edge for the graph.

    Only a receiver that names a module-level function is taken (the graph drops the edge
    unless the name resolves to a project function): a function object with a ``.send`` is
    an actor, while sockets, channels and mailers are locals or objects.
    """

    id = "dramatiq-send"
    words = ("dramatiq", ".send(")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "send"):
            return
        receiver = ctx.expr(func.value)
        if not receiver or receiver[0] != "name" or not str(receiver[1]).rsplit(".", 1)[-1][:1].islower():
            return  # a CamelCase receiver is a class (``Mailer.send``), not an actor
        # The column is not exposed to recognisers; edges carry only the line.
        ctx.add_call(CallRef(receiver, ctx.line(node), 0, kind="queue", note=".send()"))


RECOGNIZERS = [QueueConsumers(), ConsumerCallbacks(), EventDecorators(), ActorSends()]
