"""Messages a function sends to a queue that a function of the same project consumes.

An Azure Storage queue (``QueueClient.from_connection_string(conn, "jobs").send_message(m)``,
``service.get_queue_client("jobs")``) or a Service Bus queue or topic (``client.get_queue_sender(
queue_name="jobs").send_messages(m)``) runs the function whose trigger binding reads that queue
(``sources/azure_functions.py``): the sending function is the entry ``launch:<qualname>``, like
an asynchronous Lambda invoke, so a timer's fan-out carries the timer's schedule and a route's
is near-real-time (``catalog/queues.py`` ``HANDOFF_LAUNCHES``). The queue is named by a literal
(``azure-queue:<name>``) or an app setting (``azure-queue-env:<SETTING>``, a consumer's
``%SETTING%``); where the name is a setting the scan cannot read, the message goes to some queue
of the storage account or namespace its connection setting names (``azure-queue-account:<SETTING>``,
a consumer's ``connection``). A Pub/Sub ``publisher.publish(topic_path, data)`` runs the function
``gcloud functions deploy --trigger-topic`` subscribes to the topic (``pubsub:<topic>``,
``sources/gcloud.py``), whose own CloudEvent trigger is weak. A boto3 SQS ``send_message(QueueUrl=url,
...)`` (or ``send_message_batch``, a resource's ``Queue(url).send_message(...)``) runs the Lambda a
SAM / CloudFormation template subscribes to that queue (``sources/aws_lambda.py``; Terraform and CDK
queues are not read yet): the URL a literal (``sqs-queue:<its last segment>``), a
``get_queue_url(QueueName="jobs")`` (``sqs-queue:jobs``) or an environment variable
(``sqs-queue-env:<VAR>``, matched to a template's variable by the sender's code folder in
``project/fed_queues.py``); a URL it cannot read (a helper's parameter) sends to an unnamed queue,
which keeps every SQS consumer's own event.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog.command_lines import LAUNCH
from llm_latency_lint.catalog.queues import (
    PUBSUB_TOPIC_KEY,
    QUEUE_ACCOUNT_KEY,
    QUEUE_CONSUMER_SOURCE,
    QUEUE_ENV_KEY,
    QUEUE_NAME_KEY,
    QUEUE_SEND_SOURCE,
    SQS_ANY_QUEUE,
    SQS_QUEUE_ENV_KEY,
    SQS_SEND_METHODS,
    binding_keys,
    queue_words,
    sqs_name_key,
)
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.lambda_invoke import env_name
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import kwarg

PACKAGES = ("azure.storage.queue", "azure.servicebus")
PUBSUB = ("google.cloud.pubsub_v1", "google.cloud.pubsub")
BOTO = ("boto3", "aioboto3", "aiobotocore", "botocore")
SQS_BODY_KEYWORDS = frozenset({"MessageBody", "Entries"})  # ``send_message`` / ``send_message_batch``
QUEUE_LOOKUPS = ("get_queue_url", "get_queue_by_name")  # boto3 SQS calls finding a queue by its name
# Calls that open a queue (or topic) for sending: where its name and its connection are.
OPENERS: Dict[str, Tuple[Tuple[str, ...], int, int]] = {  # method -> (name keywords, name position, connection position)
    "from_connection_string": (("queue_name", "queue", "topic_name"), 1, 0),
    "get_queue_client": (("queue", "queue_name"), 0, -1),
    "get_queue_sender": (("queue_name",), 0, -1),
    "get_topic_sender": (("topic_name",), 0, -1),
    "QueueClient": (("queue_name",), 1, -1),
}
SEND_METHODS = frozenset({"send_message", "send_messages", "schedule_messages"})
# Azure Functions v2 (``azure.functions``): decorators binding a function to a queue it reads or writes.
CONSUMES = {"queue_trigger": "queue_name", "service_bus_queue_trigger": "queue_name",
            "service_bus_topic_trigger": "topic_name"}
PRODUCES = {"queue_output": "queue_name", "service_bus_queue_output": "queue_name",
            "service_bus_topic_output": "topic_name"}


@dataclass
class _Seen:
    """A file's locals and module names bound to values, and the queues each function opened."""

    bound: Dict[Tuple[str, str], cst.BaseExpression] = field(default_factory=dict)
    opened: Dict[str, List[str]] = field(default_factory=dict)


def _arg(node: cst.Call, keywords: Tuple[str, ...], position: int) -> Optional[cst.BaseExpression]:
    for a in node.args:
        if a.keyword is not None and a.keyword.value in keywords:
            return a.value
    plain = [a.value for a in node.args if a.keyword is None and not a.star]
    return plain[position] if 0 <= position < len(plain) else None


class QueueSends(Recognizer):
    id = "queue-sends"
    words = ("send_message", "queue_output", "topic_output", "Out[", "publish(")

    def on_function(self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]) -> None:
        """``@app.queue_trigger(queue_name="jobs", connection="STORAGE")`` reads a queue (the entry its
        senders run); ``@app.queue_output(arg_name="out", queue_name="jobs", ...)`` sends to it."""
        for dec in decorators if ctx.imports("azure.functions") else ():
            keyword = CONSUMES.get(dec.attr) or PRODUCES.get(dec.attr)
            if dec.call is None or keyword is None:
                continue
            name, conn = ctx.literal(kwarg(dec.call, keyword)), ctx.literal(kwarg(dec.call, "connection"))
            keys = binding_keys({"queueName": name, "connection": conn})
            if dec.attr in CONSUMES:
                for key in keys:
                    ctx.add_trigger(Trigger(kind="entry", source=QUEUE_CONSUMER_SOURCE, target=["name", qualname],
                                            line=dec.line, entry_key=key,
                                            note=f"{node.name.value} reads {queue_words(key)} (@{dec.attr})"))
                continue
            for key in [k for k in keys if k.startswith(QUEUE_NAME_KEY)] or keys:
                ctx.add_trigger(Trigger(kind="entry", source=QUEUE_SEND_SOURCE, target=["entry", key], line=dec.line,
                                        entry_key=f"{LAUNCH}{qualname}",
                                        note=f"{node.name.value} sends to {queue_words(key)} (@{dec.attr})"))

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if any(ctx.imports(p) for p in PACKAGES + PUBSUB + BOTO):
            seen: _Seen = ctx.state(self, _Seen)
            for target in targets:
                seen.bound[(ctx.function, target)] = value

    def _value(self, ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[cst.BaseExpression]:
        if isinstance(node, cst.Name):
            bound = ctx.state(self, _Seen).bound.get((ctx.function, node.value)) or ctx.module_value(node.value)
            return bound if bound is not None else node
        return node

    def _keys(self, ctx: "Context", call: cst.Call, opener: Tuple[Tuple[str, ...], int, int]) -> List[str]:
        keywords, at, conn_at = opener
        name = self._value(ctx, _arg(call, keywords, at))
        literal = ctx.literal(name)
        if isinstance(literal, str) and literal:
            return [QUEUE_NAME_KEY + literal.lower()]
        env = env_name(ctx, name) if name is not None else None
        conn = self._value(ctx, _arg(call, ("conn_str",), conn_at))
        account = env_name(ctx, conn) if conn is not None else None
        return [k for k in (env and QUEUE_ENV_KEY + env, account and QUEUE_ACCOUNT_KEY + account) if k]

    def _topic(self, ctx: "Context", node: cst.Call) -> Optional[str]:
        """``publisher.publish(topic_path, data)``: the topic's name, from ``publisher.topic_path(project,
        "digest")`` or a ``projects/{p}/topics/digest`` string."""
        topic = self._value(ctx, _arg(node, ("topic",), 0))
        if isinstance(topic, cst.Call) and isinstance(topic.func, cst.Attribute) and topic.func.attr.value == "topic_path":
            name = ctx.literal(_arg(topic, ("topic",), 1))
            return name if isinstance(name, str) and name else None
        text = ctx.code(topic) if isinstance(topic, (cst.SimpleString, cst.FormattedString)) else ""
        name = text.rpartition("/topics/")[2].strip("\"'") if "/topics/" in text else ""
        return name if name and name.replace("-", "_").replace(".", "_").isidentifier() else None

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        func = node.func
        method = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        if method == "publish" and any(ctx.imports(p) for p in PUBSUB) and node.args:
            topic = self._topic(ctx, node)
            if topic:
                ctx.add_trigger(Trigger(kind="entry", source=QUEUE_SEND_SOURCE, target=["entry", PUBSUB_TOPIC_KEY + topic],
                                        line=ctx.line(node), entry_key=f"{LAUNCH}{ctx.function}",
                                        note=f"{ctx.function.rsplit('.', 1)[-1]} publishes to Pub/Sub topic {topic}"))
            return
        if method in SQS_SEND_METHODS and (any(ctx.imports(p) for p in BOTO) or _sqs_call(node)) and self._sqs(ctx, node):
            return
        if not ctx.mentions("send_message") or not any(ctx.imports(p) for p in PACKAGES):
            return
        opened = ctx.state(self, _Seen).opened
        if method in OPENERS:
            opened.setdefault(ctx.function, []).extend(self._keys(ctx, node, OPENERS[method]))
        elif method in SEND_METHODS:
            keys = opened.get(ctx.function) or opened.get(f"{ctx.module}.<module>") or []
            named = [k for k in keys if k.startswith(QUEUE_NAME_KEY)]
            keys = named or keys  # the account only where the queue's name is no literal
            for key in dict.fromkeys(keys):  # the queues this function (or the module) opened
                ctx.add_trigger(Trigger(kind="entry", source=QUEUE_SEND_SOURCE, target=["entry", key],
                                        line=ctx.line(node), entry_key=f"{LAUNCH}{ctx.function}",
                                        note=f"{ctx.function.rsplit('.', 1)[-1]} sends a message to {queue_words(key)}"))

    def _sqs(self, ctx: "Context", node: cst.Call) -> bool:
        """``sqs.send_message(QueueUrl=QUEUE_URL, MessageBody=...)``: boto3's ``QueueUrl`` keyword is
        SQS's alone, so it names the queue whatever client the call is made on; a resource's
        ``boto3.resource("sqs").Queue(url).send_message(...)`` names it by the ``Queue``'s URL (or
        ``get_queue_by_name(QueueName=...)``). A queue the call cannot name is still a send: to a queue
        of the project, maybe any (``SQS_ANY_QUEUE``)."""
        url = self._value(ctx, kwarg(node, "QueueUrl"))
        if url is None:
            queue = self._value(ctx, node.func.value) if isinstance(node.func, cst.Attribute) else None
            if not ctx.mentions("sqs") and not isinstance(queue, cst.Call):
                return False  # another service's ``send_message`` (no queue in sight)
            url = self._queue_url(ctx, queue)
        key = self._sqs_key(ctx, url) or SQS_ANY_QUEUE
        ctx.add_trigger(Trigger(kind="entry", source=QUEUE_SEND_SOURCE, target=["entry", key], line=ctx.line(node),
                                entry_key=f"{LAUNCH}{ctx.function}",
                                note=f"{ctx.function.rsplit('.', 1)[-1]} sends a message to {queue_words(key)}"))
        return True

    def _queue_url(self, ctx: "Context", queue: Optional[cst.BaseExpression]) -> Optional[cst.BaseExpression]:
        """The URL (or name) a resource's ``Queue(url)`` / ``get_queue_by_name(QueueName=name)`` opens."""
        if isinstance(queue, cst.Call) and isinstance(queue.func, cst.Attribute):
            if queue.func.attr.value == "Queue":
                return self._value(ctx, _arg(queue, ("url",), 0))
            if queue.func.attr.value == "get_queue_by_name":
                return queue
        return None

    def _sqs_key(self, ctx: "Context", url: Optional[cst.BaseExpression]) -> Optional[str]:
        """A queue URL's key: a literal's last segment, the variable holding it (``sqs-queue-env:<VAR>``,
        scoped to the template's functions by ``project/fed_queues.py``), or the literal ``QueueName``
        of a ``get_queue_url(QueueName="jobs")["QueueUrl"]`` / ``get_queue_by_name``."""
        if url is None:
            return None
        lookup = self._value(ctx, url.value) if isinstance(url, cst.Subscript) else url  # ``...["QueueUrl"]``
        if isinstance(lookup, cst.Call) and isinstance(lookup.func, cst.Attribute) and lookup.func.attr.value in QUEUE_LOOKUPS:
            name = ctx.literal(kwarg(lookup, "QueueName"))
            return sqs_name_key(name) if isinstance(name, str) and name else None
        literal = ctx.literal(url)
        if isinstance(literal, str):
            return sqs_name_key(literal) if "/" in literal else None
        env = env_name(ctx, url)
        return SQS_QUEUE_ENV_KEY + env if env else None


def _sqs_call(node: cst.Call) -> bool:
    """``sqs.send_message(QueueUrl=url, MessageBody=body)`` on a client a project helper builds
    (``from aws_clients import get_sqs_client``): the two keywords together are boto3 SQS's alone."""
    keywords = {a.keyword.value for a in node.args if a.keyword is not None}
    return "QueueUrl" in keywords and bool(keywords & SQS_BODY_KEYWORDS)


RECOGNIZERS = [QueueSends()]
