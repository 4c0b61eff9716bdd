"""AWS CDK constructs that deploy a Lambda function and what invokes it, for every CDK language.

The Python reader (``triggers/aws_cdk.py``, libcst) and the TypeScript/JavaScript reader
(``sources/cdk_typescript.py``, a token scan) share this knowledge: which constructs build a
function, how its handler and code asset name a Python module, and what class each invoker gives.
CDK's languages are generated from one API (jsii): TypeScript spells each Python name in camelCase
(``add_event_source`` / ``addEventSource``, ``week_day`` / ``weekDay``), so the tables hold the
Python spelling and ``camel`` gives the other.
"""
from __future__ import annotations

import posixpath
from typing import Dict, Mapping, Optional, Tuple, Union

from llm_latency_lint.catalog import schedule_words
from llm_latency_lint.catalog.command_lines import handler_module
from llm_latency_lint.catalog.lambda_images import HANDLER, image_key

REAL_TIME, NEAR_REAL_TIME, SCHEDULED = "real-time", "near-real-time", "scheduled"
FUNCTIONS = frozenset({"Function", "PythonFunction"})
IMAGE_FUNCTION = "DockerImageFunction"  # its handler is the image's (``catalog/lambda_images.py``)
EVENT_SOURCES = frozenset({"S3EventSource", "SqsEventSource", "SnsEventSource", "DynamoEventSource",
                           "KinesisEventSource", "ManagedKafkaEventSource", "SelfManagedKafkaEventSource"})
# Constructs handed a function that invoke it: last name -> (class, position of the function; -1:
# only the ``handler`` property / keyword).
INVOKERS: Dict[str, Tuple[str, int]] = {
    "LambdaRestApi": (REAL_TIME, -1), "LambdaIntegration": (REAL_TIME, 0),
    "HttpLambdaIntegration": (REAL_TIME, 1), "WebSocketLambdaIntegration": (REAL_TIME, 1),
    "LambdaDestination": (NEAR_REAL_TIME, 0), "LambdaSubscription": (NEAR_REAL_TIME, 0),
}
# ``sqs.Queue(queue_name=)`` read by ``SqsEventSource(queue)``; senders name it by its ``queue_url``.
QUEUE, SQS_EVENT_SOURCE, QUEUE_URL = "Queue", "SqsEventSource", "queue_url"
RULE, RULE_TARGET = "Rule", "LambdaFunction"  # ``events.Rule(schedule=..., targets=[targets.LambdaFunction(fn)])``
# Rule targets that run a container: ``targets.BatchJob(job_queue_arn, job_queue_scope, job_definition_arn,
# job_definition_scope)`` (the job definition, by its scope or its ARN's object: position, keyword) and
# ``targets.EcsTask(cluster=, task_definition=)``; what holds the container, and what the container runs.
CONTAINER_TARGETS: Dict[str, Tuple[Tuple[str, int], ...]] = {
    "BatchJob": (("job_definition_scope", 3), ("job_definition_arn", 2)),
    "EcsTask": (("task_definition", -1),),
}
JOB_CONTAINER = "container"  # ``batch.EcsJobDefinition(container=...)`` (and the older ``JobDefinition``)
ADD_CONTAINER = "add_container"  # ``task_definition.add_container("app", image=..., command=[...])``
# ``ecs_patterns.ScheduledFargateTask(schedule=..., scheduled_fargate_task_image_options=...(image=, command=))``
SCHEDULED_TASKS = frozenset({"ScheduledFargateTask", "ScheduledEc2Task"})
SCHEDULED_TASK_OPTIONS = ("scheduled_fargate_task_image_options", "scheduled_ec2_task_image_options")
# Where an image is built: ``ContainerImage.from_asset(directory, file=)`` / ``DockerImageAsset(directory=,
# file=)``, or the asset handed to ``ContainerImage.from_docker_image_asset(asset)``.
IMAGE_BUILDS = frozenset({"from_asset", "DockerImageAsset", "DockerImageCode", "from_image_asset"})
IMAGE_OF_ASSET = "from_docker_image_asset"
# Methods (Python spelling) on a function, a rule or an asset.
ADD_EVENT_SOURCE, ADD_FUNCTION_URL, ADD_TARGET = "add_event_source", "add_function_url", "add_target"
FROM_ASSET, FROM_IMAGE_ASSET, FROM_ASSET_IMAGE = "from_asset", "from_image_asset", "from_asset_image"
CRON_FIELDS = ("minute", "hour", "day", "month", "week_day")
RATE_UNITS = {"minutes": 60, "hours": 3600, "days": 86400}

Literal = Union[str, int, float, None]


def camel(name: str) -> str:
    """``add_event_source`` -> ``addEventSource``: the TypeScript spelling of a Python name."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def cron(fields: Mapping[str, Literal]) -> Tuple[str, Optional[str]]:
    """``Schedule.cron(hour="3", minute="0")`` (fields by their Python names): (how the evidence
    quotes it, its frequency in words)."""
    values = [fields.get(f) for f in CRON_FIELDS]
    text = " ".join(str(v) if isinstance(v, (str, int)) else "*" for v in values)
    return f"cron '{text}'", schedule_words.describe_cron(text)


def rate(amount: Literal, unit: str) -> Tuple[str, Optional[str]]:
    """``Schedule.rate(Duration.hours(1))``."""
    seconds = RATE_UNITS.get(unit)
    if isinstance(amount, (int, float)) and seconds:
        return f"rate {amount} {unit}", schedule_words.interval(amount * seconds)
    return "rate", None


def expression(expr: Literal) -> Tuple[str, Optional[str]]:
    """``Schedule.expression("rate(1 day)")``."""
    return (f"'{expr}'", schedule_words.aws_schedule_words(expr)) if isinstance(expr, str) else ("expression", None)


def function_handler(folder: str, handler: str) -> Optional[str]:
    """``Function(handler="app.handler", code=Code.from_asset("dir"))`` -> ``dir.app.handler``. An
    unknown folder (a path computed at synth time) leaves a handler inside a package
    (``lambdas.digest.handler``) naming its module as the code imports it; ``index.handler`` may be any."""
    if folder:
        return handler_module(folder, handler)
    return handler if handler.count(".") >= 2 else None


def python_function_handler(entry: str, index: Optional[str], handler: Optional[str]) -> str:
    """``PythonFunction(entry="dir", index="app.py", handler="handler")`` -> ``dir.app.handler``
    (``index.py`` and ``handler`` by default)."""
    index = index or "index.py"
    return handler_module(entry, f"{index[:-3] if index.endswith('.py') else index}.{handler or 'handler'}")


def image_handler(folder: str, command: Optional[str], dockerfile: Optional[str]) -> Optional[str]:
    """``DockerImageCode.from_image_asset("dir", file="x/Dockerfile", cmd=["app.handler"])``: the
    ``cmd`` handler in ``dir``, else the handler of the Lambda image built from ``dir/x``
    (``@lambda-image:dir/x``, ``catalog/lambda_images.py``)."""
    if isinstance(command, str) and HANDLER.match(command):
        return function_handler(folder, command)
    where = posixpath.dirname(posixpath.join(folder, dockerfile)) if dockerfile else folder
    return "@" + image_key(where) if folder else None
