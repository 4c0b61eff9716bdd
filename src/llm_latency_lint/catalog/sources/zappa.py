"""Zappa settings (``zappa_settings.json``; YAML ones through ``manifests.py``): Lambda events.

Each stage's ``events: [{"function": "pkg.tasks.nightly", "expression": "rate(1 day)"}]`` (or
``expressions: [...]``) runs the function on a schedule; an ``event_source`` (S3, SNS, SQS,
DynamoDB, Kinesis) starts it when something happens: near-real-time. The stage's
``app_function`` is the web app, whose routes are recognised in Python.
"""
from __future__ import annotations

import json
import posixpath
from typing import Any, List

from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources._entries import line_of
from llm_latency_lint.model import Trigger

SOURCE_ID = "zappa"


def matches(relpath: str, name: str) -> bool:
    return name == "zappa_settings.json"


def parse(relpath: str, text: str) -> List[Trigger]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    return parse_settings(relpath, data, text)


def is_settings(doc: Any) -> bool:
    stages = list(doc.values()) if isinstance(doc, dict) else []
    return bool(stages) and all(isinstance(s, dict) for s in stages) and any(
        isinstance(s.get("events"), list) and ("app_function" in s or "s3_bucket" in s or "aws_region" in s)
        for s in stages)


def parse_settings(relpath: str, data: Any, text: str) -> List[Trigger]:
    if not is_settings(data):
        return []
    from llm_latency_lint.catalog.schedule_words import aws_schedule_words

    folder = posixpath.dirname(relpath)
    found: List[Trigger] = []
    for stage, settings in data.items():
        for event in settings.get("events") or []:
            if not isinstance(event, dict) or not isinstance(event.get("function"), str):
                continue
            function = event["function"]
            target = ["str", f"{folder.replace('/', '.')}.{function}" if folder else function]
            line = line_of(text, function)
            expressions = event.get("expressions") or ([event["expression"]] if "expression" in event else [])
            for expr in expressions if isinstance(expressions, list) else []:
                if isinstance(expr, str):
                    found.append(Trigger("scheduled", SOURCE_ID, target, line,
                                         f"Zappa stage '{stage}' event '{expr}' ({relpath})",
                                         schedule=aws_schedule_words(expr)))
            if isinstance(event.get("event_source"), dict):
                arn = event["event_source"].get("arn", "")
                found.append(Trigger("near-real-time", SOURCE_ID, target, line,
                                     f"Zappa stage '{stage}' event source {arn} (runs when it happens) ({relpath})"))
    return found


SOURCE = Source(SOURCE_ID, matches, parse)
