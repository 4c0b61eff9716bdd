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
one), but a body decoded as HTTP sends it does: base64 (``base64.b64decode(event["body"])``, API
Gateway's encoding of a binary or form body) or a form (``parse_qs(event["body"])``: a Slack slash
command, a Twilio webhook), also through a local bound to it, is a request a caller waits on
(``BODY_DECODERS``); so is reading ``event["headers"]`` or ``event["isBase64Encoded"]``. A handler
reading keys of both kinds gets both triggers.

Powertools for AWS Lambda says the same with types: the event parameter annotated with one of its
event data classes (``event: SQSEvent``; also ``aws_lambda_typing``), ``@event_source(data_class=
S3Event)``, or ``APIGatewayProxyEvent(event)`` in the handler (``DATA_CLASSES``). Its batch utility,
``process_partial_response(event=event, record_handler=f, processor=...)``, runs ``f`` on each SQS,
Kinesis or DynamoDB record: near-real-time, a real trigger (records only come from those sources).
Its event-handler resolvers' routes are routes (``web_routes.py``).
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Set

import libcst as cst

from llm_latency_lint.catalog.queues import LAMBDA_EVENT_SOURCE
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import callable_target
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import kwarg

SOURCE = LAMBDA_EVENT_SOURCE
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
    "headers": ("real-time", "an API Gateway / function URL request"),
    "isBase64Encoded": ("real-time", "an API Gateway / function URL request"),
}
BODY = "body"
# Functions whose reading of the event's ``body`` says it is an HTTP body (by their last name).
BODY_DECODERS = frozenset({"b64decode", "urlsafe_b64decode", "decodebytes", "parse_qs", "parse_qsl"})
BODY_READ = ("real-time", "an API Gateway / function URL request (its HTTP body)")
_EVENTS = ("SQSEvent", "S3Event", "S3EventBridgeNotificationEvent", "SNSEvent", "SESEvent", "DynamoDBStreamEvent",
           "KinesisStreamEvent", "KinesisFirehoseEvent", "EventBridgeEvent", "KafkaEvent", "CloudWatchLogsEvent",
           "CodePipelineJobEvent", "ActiveMQEvent", "RabbitMQEvent", "CloudWatchAlarmEvent")
_REQUESTS = ("APIGatewayProxyEvent", "APIGatewayProxyEventV2", "APIGatewayProxyEventV1", "LambdaFunctionUrlEvent",
             "ALBEvent", "AppSyncResolverEvent", "VPCLatticeEvent", "VPCLatticeEventV2", "BedrockAgentEvent",
             "APIGatewayWebSocketEvent")
# Typed event class (Powertools data classes, aws_lambda_typing) -> (class, what delivers it).
DATA_CLASSES = {**{n: ("near-real-time", f"a {n}") for n in _EVENTS},
                **{n: ("real-time", f"an {n} (a request a caller waits on)") for n in _REQUESTS}}
TYPED_ROOTS = ("aws_lambda_powertools", "aws_lambda_typing")
BATCH_CALLS = ("process_partial_response", "async_process_partial_response")
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
        self.wrapped: List[cst.BaseExpression] = []  # ``X(event)``: the callee
        self.body_names: Set[str] = set()  # locals bound to ``event["body"]``
        self.decoded: str = ""  # the decoder an HTTP body went through (``BODY_DECODERS``)

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
        if len(node.args) == 1 and isinstance(node.args[0].value, cst.Name) and node.args[0].value.value == self.name:
            self.wrapped.append(func)
        called = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        if called in BODY_DECODERS and node.args and self._body(node.args[0].value):
            self.decoded = self.decoded or called

    def visit_Assign(self, node: cst.Assign) -> None:
        if self._body(node.value):
            self.body_names.update(t.target.value for t in node.targets if isinstance(t.target, cst.Name))

    def _body(self, node: cst.BaseExpression) -> bool:
        """``event["body"]``, ``event.get("body")`` or a local bound to one."""
        if isinstance(node, cst.Name):
            return node.value in self.body_names
        if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name) and node.value.value == self.name:
            index = node.slice[0].slice if len(node.slice) == 1 else None
            return isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString) \
                and index.value.evaluated_value == BODY
        return (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get"
                and isinstance(node.func.value, cst.Name) and node.func.value.value == self.name and bool(node.args)
                and isinstance(node.args[0].value, cst.SimpleString) and node.args[0].value.evaluated_value == BODY)

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
    words = tuple(k for k in EVENT_KEYS if k != "headers") + TYPED_ROOTS + tuple(sorted(BODY_DECODERS))  # (too common a word)

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        name = event_param(node)
        if name is None or qualname != f"{ctx.module}.{node.name.value}":
            return
        keys = _Keys(name)
        node.body.visit(keys)
        found = [(f"reads {name}[{k!r}]", EVENT_KEYS[k]) for k in keys.keys if k in EVENT_KEYS]
        if keys.decoded:
            found.append((f"decodes {name}['body'] with {keys.decoded}", BODY_READ))
        if any(word in keys.strings for word in SCHEDULE_WORDS):
            found = [f for f in found if not f[0].endswith(tuple(f"[{k!r}]" for k in EVENTBRIDGE_KEYS))]
        typed: List[Optional[cst.BaseExpression]] = (
            [node.params.params[0].annotation.annotation] if node.params.params[0].annotation else [])
        typed += [kwarg(d.call, "data_class") for d in decorators if d.call is not None and d.attr == "event_source"]
        for cls in [t for t in typed if t is not None] + keys.wrapped:
            known = _data_class(ctx, cls)
            if known is not None:
                found.insert(0, (f"takes its event as {known}", DATA_CLASSES[known]))
        seen: Set[str] = set()
        for how, (kind, what) in found:
            if kind in seen:
                continue
            seen.add(kind)
            note = f"{node.name.value} {how}: {what} starts it (the trigger read from the event; no IaC in the scan wires it)"
            ctx.add_trigger(Trigger(kind=kind, source=SOURCE, target=["name", qualname], line=ctx.line(node),
                                    note=note, weak=True))

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if not callee or not callee.startswith(TYPED_ROOTS[0]) or callee.rsplit(".", 1)[-1] not in BATCH_CALLS:
            return
        target = callable_target(ctx, kwarg(node, "record_handler"))
        if target is not None:
            note = f"{callee.rsplit('.', 1)[-1]} runs the record handler on each SQS, Kinesis or DynamoDB record"
            ctx.add_trigger(Trigger(kind="near-real-time", source=SOURCE, target=target, line=ctx.line(node), note=note))


def _data_class(ctx: "Context", node: cst.BaseExpression) -> Optional[str]:
    qualified = ctx.qualified(node) or ""
    last = qualified.rsplit(".", 1)[-1]
    return last if last in DATA_CLASSES and qualified.startswith(TYPED_ROOTS) else None


RECOGNIZERS = [LambdaEvents()]
