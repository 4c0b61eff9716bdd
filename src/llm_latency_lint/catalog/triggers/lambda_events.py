"""What a Lambda handler reads from its event says what starts it, when no IaC in the scan does.

A repository that keeps only the function's code (``lambda/ingest/lambda_function.py``; the
function deployed from the console or another repository) still says how it is called: a handler
``def lambda_handler(event, context)`` that reads ``event["Records"]`` (S3 notifications, SQS,
SNS, DynamoDB and Kinesis streams all deliver records) or an EventBridge event's
``event["detail"]``/``event["detail-type"]`` runs when something happens: near-real-time; one
that reads ``event["httpMethod"]``, ``event["requestContext"]``, ``event["rawPath"]``,
``event["queryStringParameters"]``, ``event["pathParameters"]`` or ``event["routeKey"]`` answers an
API Gateway / function-URL request: a caller waits (real-time).

The evidence is weak (as a name's): the classifier uses it only where no real trigger reaches the
handler, so a ``serverless.yml``, SAM, CDK or Terraform declaration of the function's events, or
another function invoking it, wins. Only keys read directly on the event parameter count (a
``kinesis.get_records()`` response also has ``Records``); a handler that compares the event to
``"Scheduled Event"`` or ``"aws.events"`` may be a schedule rule's target, so its EventBridge keys
say nothing. ``body`` alone says nothing either (API requests and direct invocations both carry
one). A handler reading keys of both kinds gets both triggers.
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Set

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.model import Trigger

SOURCE = "lambda-event"
EVENT_PARAMS = ("event", "evt", "_event", "lambda_event")
CONTEXT_PARAMS = ("context", "ctx", "_context", "_ctx", "lambda_context", "_")
# Top-level event key -> (class, what delivers such events).
EVENT_KEYS = {
    "Records": ("near-real-time", "event records (S3, SQS, SNS, DynamoDB or Kinesis)"),
    "detail": ("near-real-time", "an EventBridge event"),
    "detail-type": ("near-real-time", "an EventBridge event"),
    "httpMethod": ("real-time", "an API Gateway request"),
    "requestContext": ("real-time", "an API Gateway / function URL request"),
    "rawPath": ("real-time", "an HTTP API / function URL request"),
    "queryStringParameters": ("real-time", "an API Gateway request"),
    "pathParameters": ("real-time", "an API Gateway request"),
    "routeKey": ("real-time", "an HTTP API / WebSocket request"),
}
SCHEDULE_WORDS = ("Scheduled Event", "aws.events", "aws.scheduler")
EVENTBRIDGE_KEYS = ("detail", "detail-type")


def event_param(node: cst.FunctionDef) -> Optional[str]:
    """The event parameter of a ``(event, context)`` handler, else None."""
    params = node.params.params
    if len(params) != 2 or node.params.star_arg not in (None, cst.MaybeSentinel.DEFAULT):
        return None
    first, second = (p.name.value for p in params)
    return first if first in EVENT_PARAMS and second in CONTEXT_PARAMS else None


class _Keys(cst.CSTVisitor):
    """String keys read directly on ``name``: ``name["k"]`` and ``name.get("k")``; and string
    constants compared anywhere (for the schedule words)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.keys: List[str] = []
        self.strings: Set[str] = set()

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if isinstance(node.value, cst.Name) and node.value.value == self.name and len(node.slice) == 1:
            index = node.slice[0].slice
            if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString):
                self._add(index.value)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if (isinstance(func, cst.Attribute) and func.attr.value == "get" and isinstance(func.value, cst.Name)
                and func.value.value == self.name and node.args and isinstance(node.args[0].value, cst.SimpleString)):
            self._add(node.args[0].value)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        value = node.evaluated_value
        if isinstance(value, str):
            self.strings.add(value)

    def _add(self, node: cst.SimpleString) -> None:
        value = node.evaluated_value
        if isinstance(value, str) and value not in self.keys:
            self.keys.append(value)


class LambdaEvents(Recognizer):
    id = "lambda-events"
    words = tuple(EVENT_KEYS)

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        name = event_param(node)
        if name is None or qualname != f"{ctx.module}.{node.name.value}":
            return
        keys = _Keys(name)
        node.body.visit(keys)
        scheduled_maybe = any(word in keys.strings for word in SCHEDULE_WORDS)
        seen: Set[str] = set()
        for key in keys.keys:
            if key not in EVENT_KEYS or (scheduled_maybe and key in EVENTBRIDGE_KEYS):
                continue
            kind, what = EVENT_KEYS[key]
            if kind in seen:
                continue
            seen.add(kind)
            note = (f"{node.name.value} reads {name}[{key!r}]: {what} starts it "
                    "(the trigger read from the event; no IaC in the scan wires it)")
            ctx.add_trigger(Trigger(kind=kind, source=SOURCE, target=["name", qualname], line=ctx.line(node),
                                    note=note, weak=True))


RECOGNIZERS = [LambdaEvents()]
