"""Terraform (``*.tf``): schedules and events declared for cloud functions and jobs.

- ``google_cloud_scheduler_job`` whose ``http_target.uri`` runs a Cloud Run job
  (``.../jobs/<job>:run``): the ``google_cloud_run_v2_job``'s container ``command`` + ``args``
  when the file declares them, else the repository's image (``docker:Dockerfile``); scheduled.
- ``aws_cloudwatch_event_rule`` (``schedule_expression``: scheduled; ``event_pattern``:
  near-real-time) + ``aws_cloudwatch_event_target``, and ``aws_scheduler_schedule`` with a
  ``target { arn }``, pointing at an ``aws_lambda_function``: its ``handler`` (``mod.func``,
  under the ``source_dir`` / ``source_file`` of the archive it is built from when literal);
  ``aws_lambda_event_source_mapping`` (SQS, streams): near-real-time. A function declared in
  another file of the module (folder) is the entry ``terraform:<folder>/aws_lambda_function.<name>``
  that file defines.

HCL is read with patterns, not a parser: blocks by balanced braces, literal ``key = "value"``
attributes; interpolations other than ``${path.module}`` leave a value unread.
"""
from __future__ import annotations

import posixpath
import re
from typing import Dict, Iterator, List, Optional, Tuple

from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources._entries import schedule_triggers
from llm_latency_lint.model import Trigger

_BLOCK = re.compile(r'^\s*(resource|data)\s+"([\w-]+)"\s+"([\w-]+)"\s*\{', re.MULTILINE)
_JOB_URI = re.compile(r"/jobs/([^/:\s\"']+):run\b")
Block = Tuple[str, str, int, str]  # type, name, line, body


def matches(relpath: str, name: str) -> bool:
    return name.endswith(".tf")


def parse(relpath: str, text: str) -> List[Trigger]:
    if not any(word in text for word in ("cloud_scheduler_job", "event_rule", "scheduler_schedule",
                                         "event_source_mapping", "aws_lambda_function")):
        return []
    blocks = list(_blocks(text))
    folder = posixpath.dirname(relpath)
    found: List[Trigger] = []
    found.extend(_cloud_scheduler(relpath, blocks, folder))
    found.extend(_aws(relpath, blocks, folder))
    return found


def _blocks(text: str) -> Iterator[Block]:
    for match in _BLOCK.finditer(text):
        depth, end = 0, match.end() - 1
        for end in range(match.end() - 1, len(text)):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0:
                break
        kind = match.group(2) if match.group(1) == "resource" else f"data.{match.group(2)}"
        yield kind, match.group(3), text.count("\n", 0, match.start()) + 1, text[match.end():end]


def _attr(body: str, key: str) -> Optional[str]:
    found = re.search(rf'^\s*{key}\s*=\s*"([^"\n]*)"', body, re.MULTILINE)
    return found.group(1) if found else None


def _ref(body: str, key: str) -> Optional[str]:
    """``arn = aws_lambda_function.digest.arn`` -> ``aws_lambda_function.digest`` (``data.`` keeps three)."""
    found = re.search(rf'^\s*{key}\s*=\s*"?\$?\{{?\s*([\w.-]+)', body, re.MULTILINE)
    if not found:
        return None
    parts = found.group(1).split(".")
    return ".".join(parts[:3] if parts[0] == "data" else parts[:2])


def _list(body: str, key: str) -> List[str]:
    found = re.search(rf"^\s*{key}\s*=\s*\[([^\]]*)\]", body, re.MULTILINE)
    return re.findall(r'"([^"]*)"', found.group(1)) if found else []


def _cloud_scheduler(relpath: str, blocks: List[Block], folder: str) -> List[Trigger]:
    from llm_latency_lint.catalog.schedule_words import describe_cron

    jobs = {name: body for kind, name, _, body in blocks if kind in ("google_cloud_run_v2_job", "google_cloud_run_job")}
    found: List[Trigger] = []
    for kind, name, line, body in blocks:
        uri = _JOB_URI.search(body) if kind == "google_cloud_scheduler_job" else None
        if uri is None:
            continue
        schedule = _attr(body, "schedule")
        words = describe_cron(schedule) if schedule and "$" not in schedule else None
        job = jobs.get(uri.group(1).split(".")[-2] if "." in uri.group(1) else uri.group(1))
        if job is None and len(jobs) == 1:
            job = next(iter(jobs.values()))
        command = " ".join(_list(job, "command") + _list(job, "args")) if job else ""
        what = f"Cloud Scheduler '{name}' '{schedule}' runs Cloud Run job ({relpath})"
        if command:
            found.extend(schedule_triggers("scheduled", "terraform", command, line, what, words))
        else:
            found.extend(schedule_triggers("scheduled", "terraform", "", line, what, words, keys=["docker:Dockerfile"]))
    return found


def _aws(relpath: str, blocks: List[Block], folder: str) -> List[Trigger]:
    from llm_latency_lint.catalog.schedule_words import aws_schedule_words

    archives = {f"data.archive_file.{name}": _source(body, folder) for kind, name, _, body in blocks
                if kind == "data.archive_file"}
    handlers: Dict[str, str] = {}
    for kind, name, _, body in blocks:
        handler = _attr(body, "handler") if kind == "aws_lambda_function" else None
        if handler:
            archive = _ref(body, "filename") or _ref(body, "source_code_hash") or ""
            base = archives.get(archive) or folder
            handlers[f"aws_lambda_function.{name}"] = _dotted(base, handler)
    rules = {f"aws_cloudwatch_event_rule.{name}": (body, line) for kind, name, line, body in blocks
             if kind == "aws_cloudwatch_event_rule"}
    found: List[Trigger] = []
    for kind, name, line, body in blocks:  # a module's files share resources: other files name the function
        if kind == "aws_lambda_function" and f"{kind}.{name}" in handlers:
            found.append(Trigger("entry", "terraform", ["str", handlers[f"{kind}.{name}"]], line,
                                 f"Lambda function '{name}' runs {handlers[f'{kind}.{name}']} ({relpath})",
                                 entry_key=f"terraform:{folder}/{kind}.{name}"))
    for kind, name, line, body in blocks:
        if kind == "aws_cloudwatch_event_target":
            rule = rules.get(_ref(body, "rule") or "")
            function = _function(handlers, _ref(body, "arn"), folder)
            if rule and function:
                expr = _attr(rule[0], "schedule_expression")
                found.append(_trigger(expr, function, rule[1], f"EventBridge rule '{name}'", relpath, aws_schedule_words))
        elif kind == "aws_scheduler_schedule":
            function = _function(handlers, _ref(body, "arn"), folder)
            if function:
                found.append(_trigger(_attr(body, "schedule_expression") or "", function, line,
                                      f"EventBridge Scheduler '{name}'", relpath, aws_schedule_words))
        elif kind == "aws_lambda_event_source_mapping":
            function = _function(handlers, _ref(body, "function_name"), folder)
            if function:
                found.append(_trigger(None, function, line, f"event source mapping '{name}'", relpath, aws_schedule_words))
    return found


def _function(handlers: Dict[str, str], ref: Optional[str], folder: str) -> Optional[str]:
    """The handler of the function ``ref`` names: from this file, else ``@entry`` of the module's
    (folder's) other file that declares it (``eventbridge.tf`` targeting ``lambda.tf``'s function)."""
    if not ref or not ref.startswith("aws_lambda_function."):
        return None
    return handlers.get(ref) or f"@terraform:{folder}/{ref}"


def _trigger(expr: Optional[str], function: str, line: int, what: str, relpath: str, words) -> Trigger:
    target = ["entry", function[1:]] if function.startswith("@") else ["str", function]
    if expr:
        return Trigger("scheduled", "terraform", target, line, f"{what} '{expr}' ({relpath})", schedule=words(expr))
    return Trigger("near-real-time", "terraform", target, line, f"{what} (runs when it happens) ({relpath})")


def _source(body: str, folder: str) -> Optional[str]:
    path = _attr(body, "source_dir") or _attr(body, "source_file")
    if path is None:
        return None
    path = path.replace("${path.module}/", "").replace("${path.module}", ".")
    if "$" in path:
        return None
    joined = posixpath.normpath(posixpath.join(folder, path))
    return posixpath.dirname(joined) if _attr(body, "source_file") else joined


def _dotted(base: str, handler: str) -> str:
    base = "" if base in (".", "") else base
    return ".".join(p for p in (base.replace("/", "."), handler) if p)


SOURCE = Source("terraform", matches, parse)
