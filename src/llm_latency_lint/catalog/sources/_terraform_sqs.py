"""Terraform SQS queues the project writes and consumes (``sources/terraform.py`` reads the rest).

``resource "aws_lambda_event_source_mapping" { event_source_arn = aws_sqs_queue.jobs.arn,
function_name = aws_lambda_function.worker.arn }`` makes ``worker`` the consumer of the queue
``jobs``: the entry ``terraform-sqs:<folder>/jobs``, which the queue's own keys lead to, whichever
file of the module declares them: its literal ``name`` (``sqs-queue:<name>``) and each environment
variable a function sets to its URL (``QUEUE_URL = aws_sqs_queue.jobs.url`` or ``.id``, the URL in
Terraform: ``sqs-queue-env:QUEUE_URL``). Code sending to the queue (boto3 ``send_message(QueueUrl=
...)``, ``triggers/queue_sends.py``) runs the consumer, and a queue whose every sender the scan finds
runs for them alone (``project/fed_queues.py``): a nightly dispatcher's fan-out is scheduled.
"""
from __future__ import annotations

import re
from typing import List, Optional

from llm_latency_lint.catalog.queues import (
    QUEUE_CONSUMER_SOURCE,
    SQS_CONSUMER_SOURCE,
    SQS_QUEUE_ENV_KEY,
    sqs_name_key,
)
from llm_latency_lint.catalog.sources._hcl import Block, _attr
from llm_latency_lint.model import Expr, Trigger

QUEUE_KEY = "terraform-sqs:"
_QUEUE_REF = re.compile(r"\baws_sqs_queue\.([\w-]+)\.(arn|url|id)\b")
_ENV_ENTRY = re.compile(r'^[ \t]*"?(\w+)"?[ \t]*[=:][ \t]*([^\n]+?)[ \t\r]*,?[ \t\r]*$', re.MULTILINE)


def queue_of(body: str) -> Optional[str]:
    """The queue an event source mapping reads (``event_source_arn = aws_sqs_queue.jobs.arn``)."""
    found = re.search(r"^[ \t]*event_source_arn\s*=\s*([^\n]+)$", body, re.MULTILINE)
    ref = _QUEUE_REF.search(found.group(1)) if found else None
    return ref.group(1) if ref else None


def consumer(queue: str, target: Expr, line: int, what: str, relpath: str, folder: str) -> List[Trigger]:
    """The mapping's SQS event (near-real-time, held back where the scan finds every sender) and the
    function as the queue's consumer."""
    return [Trigger("near-real-time", SQS_CONSUMER_SOURCE, target, line,
                    f"{what} on SQS queue '{queue}' (runs when it happens) ({relpath})"),
            Trigger("entry", QUEUE_CONSUMER_SOURCE, target, line, f"{what} reads SQS queue '{queue}' ({relpath})",
                    entry_key=f"{QUEUE_KEY}{folder}/{queue}")]


def queue_entries(relpath: str, blocks: List[Block], folder: str) -> List[Trigger]:
    """The keys senders name a queue by, each leading to its consumer: the queue's literal ``name``
    and the environment variables functions set to its URL."""
    found: List[Trigger] = []
    for kind, name, line, body in blocks:
        literal = _attr(body, "name") if kind == "aws_sqs_queue" else None
        if literal and "$" not in literal:
            found.append(Trigger("entry", QUEUE_CONSUMER_SOURCE, ["entry", f"{QUEUE_KEY}{folder}/{name}"], line,
                                 f"SQS queue '{literal}' ({relpath})", entry_key=sqs_name_key(literal)))
        if kind not in ("aws_lambda_function", "module"):
            continue
        for variable, value in _ENV_ENTRY.findall(body):
            ref = _QUEUE_REF.search(value)
            if ref and ref.group(2) in ("url", "id"):
                found.append(Trigger("entry", QUEUE_CONSUMER_SOURCE, ["entry", f"{QUEUE_KEY}{folder}/{ref.group(1)}"],
                                     line, f"'{name}' sets {variable} to {ref.group(0)} ({relpath})",
                                     entry_key=SQS_QUEUE_ENV_KEY + variable))
    return found
