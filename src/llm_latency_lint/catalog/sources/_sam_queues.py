"""The SQS queues of a SAM / CloudFormation template, as its consumers' keys (``sources/aws_lambda.py``).

Which keys code sending to a queue names it by (``catalog/queues.py``): its ``QueueName``, and each
environment variable a function sets to it, scoped to that function's code folder; and which queues
the template wires something other than code to send to (``SQS_FEEDERS``, a queue policy granting a
principal): those are fed from outside the scan, so their consumers' events stay
(``project/fed_queues.py``). Terraform and CDK queues are not read here.
"""
from __future__ import annotations

import posixpath
import re
from typing import Callable, Dict, Iterator, List, Optional, Tuple

from llm_latency_lint.catalog.queues import sqs_env_key, sqs_name_key
from llm_latency_lint.catalog.sources import _yaml

# What else the template wires to send to one of its queues (a reference to the queue under these
# properties): S3 notifications, SNS subscriptions, EventBridge rule and Scheduler targets, Pipes, API
# Gateway integrations, another queue's redrive, Lambda failure / async destinations. Such a queue is
# fed from outside the scanned code: its consumer's SQS event stays (``project/fed_queues.py``).
SQS_FEEDERS: Dict[str, Tuple[str, ...]] = {
    "AWS::S3::Bucket": ("NotificationConfiguration",),
    "AWS::SNS::Subscription": ("Endpoint",),
    "AWS::SNS::Topic": ("Subscription",),
    "AWS::Events::Rule": ("Targets",),
    "AWS::Scheduler::Schedule": ("Target",),
    "AWS::Pipes::Pipe": ("Target",),
    "AWS::ApiGateway::Method": ("Integration",),
    "AWS::ApiGatewayV2::Integration": ("IntegrationUri", "RequestParameters"),
    "AWS::SQS::Queue": ("RedrivePolicy",),
    "AWS::Lambda::EventInvokeConfig": ("DestinationConfig",),
    "AWS::Lambda::Function": ("DeadLetterConfig",),
    "AWS::Serverless::Function": ("DeadLetterQueue", "EventInvokeConfig"),
    "AWS::IoT::TopicRule": ("TopicRulePayload",),
    "AWS::StepFunctions::StateMachine": ("Definition", "DefinitionString", "DefinitionSubstitutions"),
}


def _code_folder(props: dict, defaults: dict, serverless: bool, folder: str) -> str:
    """The folder holding a function's code: SAM's ``CodeUri`` (or ``Globals``') under the template's folder."""
    code = props.get("CodeUri", defaults.get("CodeUri")) if serverless else None
    found = posixpath.normpath(posixpath.join(folder, code)) if isinstance(code, str) and "://" not in code else folder
    return "" if found == "." else found


def queue_keys(doc: dict, folder: str, with_defaults: Callable[[object, dict], str],
               functions: Tuple[str, ...]) -> Dict[str, List[str]]:
    """The template's SQS queues -> the keys senders name each by: its ``QueueName`` (``${Param}``
    filled by defaults) and each variable a function (or ``Globals``, for each function) sets to it,
    scoped to that function's code folder (``sqs_env_key``)."""
    resources = doc["Resources"]
    queues = {str(n): [sqs_name_key(q)] if (q := with_defaults(_yaml.get(r, "Properties", "QueueName"), doc)) else []
              for n, r in resources.items() if isinstance(r, dict) and r.get("Type") == "AWS::SQS::Queue"}
    defaults = _yaml.get(doc, "Globals", "Function")
    defaults = defaults if isinstance(defaults, dict) else {}
    for resource in resources.values():
        if not isinstance(resource, dict) or resource.get("Type") not in functions:
            continue
        props = _yaml.typed(resource, "Properties", dict, {})
        serverless = resource["Type"] == "AWS::Serverless::Function"
        code = _code_folder(props, defaults, serverless, folder)
        own = _yaml.get(props, "Environment", "Variables")
        shared = _yaml.get(defaults, "Environment", "Variables") if serverless else None
        variables = {**(shared if isinstance(shared, dict) else {}), **(own if isinstance(own, dict) else {})}
        for variable, value in variables.items():
            queue = queue_ref(queues, value)
            if queue and sqs_env_key(str(variable), code) not in queues[queue]:
                queues[queue].append(sqs_env_key(str(variable), code))
    return queues


def fed_outside(doc: dict, queues: Dict[str, List[str]]) -> Dict[str, str]:
    """The template's queues something other than code sends to (``SQS_FEEDERS``, or a queue policy
    granting a principal), each with what feeds it."""
    fed: Dict[str, str] = {}
    for name, resource in doc["Resources"].items():
        kind = resource.get("Type") if isinstance(resource, dict) else None
        props = _yaml.typed(resource, "Properties", dict, {}) if isinstance(resource, dict) else {}
        if kind in SQS_FEEDERS:
            for queue in _queues(queues, [props.get(p) for p in SQS_FEEDERS[kind]]):
                fed.setdefault(queue, f"{kind} '{name}'")
        elif kind == "AWS::SQS::QueuePolicy" and any(
                isinstance(s, dict) and s.get("Effect") == "Allow" and s.get("Principal")
                for s in _yaml.typed(_yaml.typed(props, "PolicyDocument", dict, {}), "Statement", list, [])):
            for queue in _queues(queues, props.get("Queues")):
                fed.setdefault(queue, f"{kind} '{name}' granting a principal")
    return fed


def _queues(queues: Dict[str, List[str]], value: object) -> List[str]:
    """The template's queues named anywhere in ``value``."""
    return [q for q in queues if any(queue_ref({q: []}, text) for text in texts(value))]


def queue_ref(queues: Dict[str, List[str]], value: object) -> Optional[str]:
    """The template's queue a reference names (``!Ref Jobs``, ``!GetAtt Jobs.Arn``, ``${Jobs.Arn}``)."""
    for text in texts(value):
        for name in re.findall(r"\$\{([\w]+)", text) + [text.split(".")[0]]:
            if name in queues:
                return name
    return None


def texts(value: object) -> Iterator[str]:
    """Every string inside a template value (a reference, a ``!Sub``, a list or mapping of them)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, dict)):
        for item in value.values() if isinstance(value, dict) else value:
            yield from texts(item)
