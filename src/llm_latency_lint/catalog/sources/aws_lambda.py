"""AWS Lambda handlers declared in ``serverless.yml`` (Serverless Framework) and SAM templates.

The handler (``handler: src/api.answer`` -> ``src.api.answer``, relative to the declaring file, or
SAM's ``CodeUri`` folder) is started by its events: HTTP APIs (``http``, ``httpApi``,
``websocket``, ``alb``; SAM ``Api`` / ``HttpApi``) answer a caller who waits: real-time;
``schedule`` (also ``eventBridge: {schedule: ...}``) / SAM ``Schedule`` / ``ScheduleV2``
(``rate(1 hour)``, ``cron(0 7 * * ? *)``) are
schedules; every other event (S3 uploads, SQS, SNS, streams, EventBridge rules) starts it when
something happens: near-real-time. ``provisionedConcurrency`` / autoscaling
``scheduledActions`` only rescale capacity and start nothing. Plain CloudFormation
``AWS::Lambda::Function`` handlers are started by the template's ``AWS::Events::Rule`` /
``AWS::Scheduler::Schedule`` resources that target them (a ``ScheduleExpression``: scheduled;
an event pattern: near-real-time), and by its other invokers in the template: event source
mappings, S3 bucket notifications, SNS subscriptions (near-real-time), function URLs (also SAM's
``FunctionUrlConfig``), API Gateway integrations and load balancer targets (real-time), and
``AWS::Lambda::Permission`` by its principal. A function packaged as an image (SAM ``PackageType:
Image`` with ``Metadata.DockerContext``, Serverless ``image:`` built from ``provider.ecr.images``)
runs its ``ImageConfig.Command`` / ``command`` there, else the handler of the Dockerfile built there
(``catalog/lambda_images.py``).

An SQS event (SAM ``Type: SQS`` with ``Queue: !GetAtt Jobs.Arn``, an event source mapping's
``EventSourceArn``) on a queue the template declares (``AWS::SQS::Queue``) also makes the function the
consumer of that queue, by its ``QueueName`` and by each environment variable a function of the
template sets to its URL (``QUEUE_URL: !Ref Jobs``, scoped to that function's code folder): code
sending to it (``triggers/queue_sends.py``) runs the consumer, and a queue whose every sender the scan
finds runs for them alone (``project/fed_queues.py``): a nightly dispatcher's fan-out is scheduled. A
queue the template also wires something else to send to (``SQS_FEEDERS``: S3 notifications, SNS
subscriptions, rule targets, Pipes, API integrations; a queue policy granting a principal) is fed
from outside the code: its event stays an ordinary near-real-time event.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from typing import Any, Dict, Iterator, List, Optional, Tuple

from llm_latency_lint.catalog.command_lines import handler_module
from llm_latency_lint.catalog.lambda_images import HANDLER, image_key
from llm_latency_lint.catalog.queues import (
    QUEUE_CONSUMER_SOURCE,
    SQS_CONSUMER_SOURCE,
    queue_words,
)
from llm_latency_lint.catalog.sources import _step_functions, _yaml
from llm_latency_lint.catalog.sources._sam_queues import (
    fed_outside,
    queue_keys,
    queue_ref,
    texts,
)
from llm_latency_lint.model import Expr, Trigger

_REAL_TIME = {"http", "httpApi", "websocket", "alb", "Api", "HttpApi", "functionUrl"}
_SCHEDULED = {"schedule", "Schedule", "ScheduleV2"}
FUNCTION_TYPES = ("AWS::Serverless::Function", "AWS::Lambda::Function")
RULE_TYPES = ("AWS::Events::Rule", "AWS::Scheduler::Schedule")


def is_serverless(doc: Any) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("functions"), dict) and "provider" in doc


def is_sam(doc: Any) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("Resources"), dict)


def parse_serverless(relpath: str, doc: dict) -> List[Trigger]:
    folder = posixpath.dirname(relpath)
    found: List[Trigger] = []
    for name, function in doc["functions"].items():
        target = _serverless_target(doc, folder, function)
        if target is None:
            continue
        events = function.get("events")
        for event in events if isinstance(events, list) else []:
            if not isinstance(event, dict) or len(event) != 1:
                continue
            (kind, spec), = event.items()
            found.extend(_trigger(kind, spec, target, _yaml.line(event, kind), f"serverless function '{name}'",
                                  relpath))
        if function.get("url") not in (None, False):  # a Lambda function URL: a caller waits on it
            found.extend(_trigger("functionUrl", function["url"], target, _yaml.line(function, "url"),
                                  f"serverless function '{name}'", relpath))
    found.extend(_serverless_invokes(relpath, doc))
    targets = {str(n): _expr(t) for n, f in doc["functions"].items() if (t := _serverless_target(doc, folder, f))}
    found.extend(_step_functions.serverless(relpath, doc, targets))  # state machines running the functions
    return found


def _serverless_invokes(relpath: str, doc: dict) -> List[Trigger]:
    """What code invoking a function by name reaches (``triggers/lambda_invoke.py``): each function
    by its ``name:`` (``lambda:<name>``), and the environment variables (the provider's or the
    function's) whose value names one: ``!GetAtt AnalyzerLambdaFunction.Arn``, ``Ref:
    AnalyzerLambdaFunction``, ``${self:service}-${sls:stage}-analyzer`` (``lambda-env:<VAR>``)."""
    folder = posixpath.dirname(relpath)
    targets = {str(n): t for n, f in doc["functions"].items() if (t := _serverless_target(doc, folder, f))}
    functions = {str(n): f for n, f in doc["functions"].items() if str(n) in targets}
    found: List[Trigger] = []
    for name, function in functions.items():
        if isinstance(function.get("name"), str) and "$" not in function["name"]:
            found.append(_invoked(f"lambda:{function['name']}", targets[name], _yaml.line(function, "name"),
                                  f"serverless function '{name}' ({relpath})"))
    provider = _yaml.typed(doc, "provider", dict, {})
    for owner in [provider] + list(functions.values()):
        environment = owner.get("environment")
        for variable, value in environment.items() if isinstance(environment, dict) else []:
            for text in texts(value):
                logical = text.split(".")[0]
                invoked = [n for n in functions if logical.lower() == f"{n}LambdaFunction".lower()
                           or re.search(rf"(?:^|[-}}]){re.escape(n)}$", text)]
                found.extend(_invoked(f"lambda-env:{variable}", targets[n], _yaml.line(environment, variable),
                                      f"{variable} names serverless function '{n}' ({relpath})") for n in invoked[:1])
    return found


def _expr(target: str) -> Expr:
    """A handler's dotted name, or ``@<entry key>``: what a Lambda image runs (``catalog/lambda_images.py``)."""
    return ["entry", target[1:]] if target.startswith("@") else ["str", target]


def _serverless_target(doc: dict, folder: str, function: object) -> Optional[str]:
    """``handler: src/api.answer``; an image function (``image: {name: app, command: [app.handler]}``
    built from ``provider.ecr.images.app.path``): its command in that folder, else the image's handler."""
    if not isinstance(function, dict):
        return None
    if isinstance(function.get("handler"), str):
        return handler_module(folder, function["handler"])
    image = function.get("image")
    name = image.get("name") if isinstance(image, dict) else image
    built = _yaml.get(doc, "provider", "ecr", "images", name) if isinstance(name, str) else None
    path = built.get("path") if isinstance(built, dict) else None
    if not isinstance(path, str):
        return None
    where = posixpath.normpath(posixpath.join(folder, path))
    command = image.get("command") if isinstance(image, dict) else None
    if isinstance(command, list) and command and isinstance(command[0], str) and HANDLER.match(command[0]):
        return handler_module(where, command[0])
    return "@" + image_key(where)


def _sam_image(resource: dict, props: dict, folder: str) -> Optional[str]:
    """SAM ``PackageType: Image``: ``ImageConfig.Command`` in the ``Metadata.DockerContext`` folder
    (a dotted name), else the handler of the Dockerfile built there (``@lambda-image:<folder>``)."""
    metadata = _yaml.typed(resource, "Metadata", dict, {})
    context = metadata.get("DockerContext")
    if not isinstance(context, str):
        return None
    dockerfile = _yaml.typed(metadata, "Dockerfile", str, "Dockerfile")
    where = posixpath.normpath(posixpath.join(folder, context))
    command = _yaml.get(props, "ImageConfig", "Command")
    if isinstance(command, list) and command and isinstance(command[0], str) and HANDLER.match(command[0]):
        return handler_module(where, command[0])
    return "@" + image_key(posixpath.dirname(posixpath.join(where, dockerfile)))


def _invoked(key: str, target: str, line: int, note: str) -> Trigger:
    return Trigger("entry", "aws-lambda", _expr(target), line, note, entry_key=key)


def parse_sam(relpath: str, doc: dict) -> List[Trigger]:
    folder = posixpath.dirname(relpath)
    defaults = _yaml.get(doc, "Globals", "Function")
    defaults = defaults if isinstance(defaults, dict) else {}
    found: List[Trigger] = []
    handlers: Dict[str, str] = {}
    queues = queue_keys(doc, folder, _with_defaults, FUNCTION_TYPES)
    outside = fed_outside(doc, queues)
    for name, resource in doc["Resources"].items():
        if not isinstance(resource, dict) or resource.get("Type") not in FUNCTION_TYPES:
            continue
        props = _yaml.typed(resource, "Properties", dict, {})
        serverless = resource["Type"] == "AWS::Serverless::Function"
        handler = props.get("Handler", defaults.get("Handler") if serverless else None)
        code = props.get("CodeUri", defaults.get("CodeUri")) if serverless else None
        image = props.get("PackageType", defaults.get("PackageType")) == "Image"
        if image:
            handler = _sam_image(resource, props, folder)
        if not isinstance(handler, str) or _inline(props):
            continue  # no handler, or code written in the template itself (``ZipFile: |``): no file here
        base = posixpath.normpath(posixpath.join(folder, code)) if isinstance(code, str) and "://" not in code else folder
        target = handler if image else handler_module(base, handler)
        handlers[str(name)] = target
        function_name = _with_defaults(props.get("FunctionName"), doc)
        if function_name:
            found.append(_invoked(f"lambda:{function_name}", target, _yaml.line(props, "FunctionName"),
                                  f"function '{name}' ({relpath})"))
        if isinstance(props.get("FunctionUrlConfig"), dict):  # a Lambda function URL: a caller waits on it
            found.extend(_trigger("functionUrl", None, target, _yaml.line(props, "FunctionUrlConfig"),
                                  f"SAM function '{name}'", relpath))
        events = props.get("Events")
        for event_name, event in events.items() if isinstance(events, dict) else []:
            if isinstance(event, dict) and isinstance(event.get("Type"), str):
                spec = _yaml.typed(event, "Properties", dict, {})
                line, what = _yaml.line(events, event_name), f"SAM function '{name}' event '{event_name}'"
                if event["Type"] == "SQS":
                    found.extend(_consumer(queues, spec.get("Queue"), target, line, what, relpath, outside))
                    continue
                spec = spec.get("Schedule", spec.get("ScheduleExpression", spec))
                found.extend(_trigger(event["Type"], spec, target, line, what, relpath))
    found.extend(_rules(relpath, doc["Resources"], handlers, queues, outside))
    found.extend(_sam_invokes(relpath, doc, handlers))
    found.extend(_step_functions.sam(relpath, doc, {n: _expr(t) for n, t in handlers.items()}))
    return found


def _with_defaults(name: object, doc: dict) -> str:
    """A ``FunctionName`` with each ``${Param}`` of a ``!Sub`` replaced by the template parameter's
    ``Default`` (``vectordb-async-${Environment}`` -> ``vectordb-async-dev``: the name code falls back
    to, ``os.environ.get("ASYNC_FN", "vectordb-async-dev")``); '' when some placeholder has none."""
    if not isinstance(name, str):
        return ""
    declared = doc.get("Parameters")
    parameters: dict = declared if isinstance(declared, dict) else {}

    def default(match: "re.Match[str]") -> str:
        spec = parameters.get(match.group(1))
        value = spec.get("Default") if isinstance(spec, dict) else None
        return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else "$"

    filled = re.sub(r"\$\{([\w:.-]+)\}", default, name)
    return "" if "$" in filled else filled


def _inline(props: dict) -> bool:
    """CloudFormation ``Code: {ZipFile: ...}`` / SAM ``InlineCode``: the function's code is the
    template's text, so its ``Handler`` names no file of the repository (a copy of it there is not
    what this stack deploys; round 9's milymoreno/aws-bedrock-event-driven)."""
    code = props.get("Code")
    return "InlineCode" in props or (isinstance(code, dict) and "ZipFile" in code)


def _sam_invokes(relpath: str, doc: dict, handlers: Dict[str, str]) -> List[Trigger]:
    """``Environment: Variables: {ANALYZER: !Ref Analyzer}`` (also ``!GetAtt Analyzer.Arn``, in
    ``Globals``): the function code invoking ``os.environ["ANALYZER"]`` runs (``lambda-env:<VAR>``)."""
    owners = [_yaml.get(doc, "Globals", "Function")] + [_yaml.get(r, "Properties") for r in doc["Resources"].values()
                                                        if isinstance(r, dict)]
    found: List[Trigger] = []
    for owner in owners:
        variables = _yaml.get(owner, "Environment", "Variables") if isinstance(owner, dict) else None
        for variable, value in variables.items() if isinstance(variables, dict) else []:
            found.extend(_invoked(f"lambda-env:{variable}", target, _yaml.line(variables, variable),
                                  f"{variable} names a function of the template ({relpath})")
                         for target in _named(value, handlers)[:1])
    return found


# Plain CloudFormation resources that start a function of the template: type -> (the property
# path naming it, the event kind ``_trigger`` classes). Rules are read apart (a schedule or a pattern).
EVENT_RESOURCES: Dict[str, Tuple[Tuple[str, ...], str]] = {
    "AWS::Lambda::EventSourceMapping": (("FunctionName",), "EventSourceMapping"),
    "AWS::Lambda::Url": (("TargetFunctionArn",), "functionUrl"),
    "AWS::SNS::Subscription": (("Endpoint",), "SNS"),
    "AWS::SNS::Topic": (("Subscription",), "SNS"),
    "AWS::S3::Bucket": (("NotificationConfiguration", "LambdaConfigurations"), "S3"),
    "AWS::ApiGatewayV2::Integration": (("IntegrationUri",), "HttpApi"),
    "AWS::ApiGateway::Method": (("Integration", "Uri"), "Api"),
    "AWS::ElasticLoadBalancingV2::TargetGroup": (("Targets",), "alb"),
}
# ``AWS::Lambda::Permission`` principals that say who invokes the function (events: the rule says).
PRINCIPALS: Dict[str, str] = {"apigateway": "Api", "elasticloadbalancing": "alb", "s3": "S3", "sns": "SNS",
                              "sqs": "SQS"}


def _rules(relpath: str, resources: dict, handlers: Dict[str, str],
           queues: Optional[Dict[str, List[str]]] = None, outside: Optional[Dict[str, str]] = None) -> List[Trigger]:
    """CloudFormation resources that start a function of the same template (``!GetAtt Fn.Arn``,
    ``{"Fn::GetAtt": [Fn, Arn]}``, ``!Ref Fn``, ``!Sub "...${Fn.Arn}/invocations"``): rules and
    schedules (``AWS::Events::Rule`` / ``AWS::Scheduler::Schedule``), event source mappings, S3
    notifications, SNS subscriptions, function URLs, API Gateway integrations, permissions."""
    found: List[Trigger] = []
    for name, resource in resources.items():
        if not isinstance(resource, dict) or not isinstance(resource.get("Type"), str):
            continue
        kind = resource["Type"]
        props = _yaml.typed(resource, "Properties", dict, {})
        line = _yaml.line(resources, name)
        what = f"{kind} '{name}'"
        if kind in RULE_TYPES:
            expr = props.get("ScheduleExpression")
            targets = _yaml.typed(props, "Targets", list, [props.get("Target")])
            for target in targets:
                function = _referenced(target.get("Arn") if isinstance(target, dict) else None, handlers)
                if function is not None:
                    event = "schedule" if isinstance(expr, str) else "EventBridge rule"
                    found.extend(_trigger(event, expr, function, line, what, relpath))
        elif kind == "AWS::Lambda::EventSourceMapping" and queue_ref(queues or {}, props.get("EventSourceArn")):
            for function in _named(props.get("FunctionName"), handlers):
                found.extend(_consumer(queues or {}, props.get("EventSourceArn"), function, line, what, relpath, outside))
        elif kind in EVENT_RESOURCES:
            path, event = EVENT_RESOURCES[kind]
            for function in _named(_yaml.get(props, *path), handlers):
                found.extend(_trigger(event, None, function, line, what, relpath))
        elif kind == "AWS::Lambda::Permission":
            granted = PRINCIPALS.get(str(props.get("Principal", "")).split(".")[0])
            if granted is not None:
                for function in _named(props.get("FunctionName"), handlers):
                    found.extend(_trigger(granted, None, function, line, f"{what} for {props['Principal']}", relpath))
    return found


def _consumer(queues: Dict[str, List[str]], ref: object, target: str, line: int, what: str,
              relpath: str, outside: Optional[Dict[str, str]] = None) -> List[Trigger]:
    """An SQS event on ``target``: near-real-time; on a queue of the template nothing but code feeds,
    held back where the scan finds every sender of that queue (its keys: the consumer entries of
    the same file and line, ``project/fed_queues.py``)."""
    queue = queue_ref(queues, ref)
    fed = (outside or {}).get(queue) if queue else None
    event = _trigger("SQS", None, target, line, what + (f" (the queue is fed by {fed} too)" if fed else ""), relpath)
    found = event if queue is None or fed else [replace(t, source=SQS_CONSUMER_SOURCE) for t in event]
    return found + [Trigger("entry", QUEUE_CONSUMER_SOURCE, _expr(target), line,
                            f"{what} reads {queue_words(key)} ({relpath})", entry_key=key)
                    for key in (queues[queue] if queue else [])]


def _referenced(arn: object, handlers: Dict[str, str]) -> Optional[str]:
    if isinstance(arn, dict):
        arn = next(iter(arn.values()), None)
    if isinstance(arn, list) and arn:
        arn = arn[0]
    return handlers.get(str(arn).split(".")[0]) if isinstance(arn, str) else None


def _named(value: object, handlers: Dict[str, str]) -> List[str]:
    """The template's functions anywhere in ``value``: a reference's first segment, or a
    ``${Fn.Arn}`` / ``${Fn}`` placeholder of a ``!Sub`` string."""
    found: List[str] = []
    for text in texts(value):
        names = re.findall(r"\$\{([\w]+)", text) + [text.split(".")[0]]
        found += [handlers[n] for n in names if n in handlers and handlers[n] not in found]
    return found


def _trigger(kind: str, spec: Any, target: str, line: int, what: str, relpath: str) -> List[Trigger]:
    if kind in _REAL_TIME:
        return [Trigger("real-time", "aws-lambda", _expr(target), line, f"{what} {kind} event ({relpath})")]
    if kind == "eventBridge" and isinstance(spec, dict) and "schedule" in spec:
        kind, spec = "schedule", spec["schedule"]  # an EventBridge rule with a schedule, not a pattern
    if kind in _SCHEDULED:
        from llm_latency_lint.catalog.schedule_words import aws_schedule_words

        found = []
        for expr in _expressions(spec):
            found.append(Trigger("scheduled", "aws-lambda", _expr(target), line,
                                 f"{what} schedule '{expr}' ({relpath})", schedule=aws_schedule_words(expr)))
        return found
    return [Trigger("near-real-time", "aws-lambda", _expr(target), line,
                    f"{what} {kind} event (runs when it happens) ({relpath})")]


def _expressions(spec: Any) -> Iterator[str]:
    """``rate(1 hour)``, ``{rate: [...], enabled: false}`` (disabled: none)."""
    if isinstance(spec, str):
        yield spec
    elif isinstance(spec, dict) and spec.get("enabled") is not False and spec.get("Enabled") is not False:
        rates = spec.get("rate", spec.get("Schedule", spec.get("ScheduleExpression")))
        yield from _yaml.strings(rates)
