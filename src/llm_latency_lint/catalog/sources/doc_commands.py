"""Scheduler commands in a doc's code blocks (``docs.py``): what a deployment guide runs once to
put a job on a schedule.

- ``gcloud scheduler jobs create http ... --uri .../jobs/JOB:run``: the Cloud Run job's command
  (``gcloud.py``, as in a shell script);
- ``schtasks /create /sc daily /st 09:00 /tr "python C:\\bot\\main.py"``: Windows Task Scheduler
  runs ``/tr`` (``ONSTART`` / ``ONLOGON`` / ``ONIDLE`` / ``ONCE`` are no schedule);
- ``aws events put-rule --name R --schedule-expression "rate(1 day)"`` with ``aws events
  put-targets --rule R --targets ...:function:F``, or ``aws scheduler create-schedule
  --schedule-expression ... --target '{"Arn": "...:function:F"}'``: the handler ``mod.func`` the
  doc gives ``F`` (``aws lambda create-function --function-name F --handler mod.func``).
"""
from __future__ import annotations

import re
import shlex
from typing import Dict, List, Optional, Tuple

from llm_latency_lint.catalog.sources import gcloud
from llm_latency_lint.catalog.sources._entries import schedule_triggers
from llm_latency_lint.model import Trigger

Line = Tuple[int, str]
_FUNCTION_ARN = re.compile(r":function:([\w-]+)")
_SCHTASKS_PERIODS = {"minute": 60, "hourly": 3600}


def scheduler_triggers(relpath: str, lines: List[Line]) -> List[Trigger]:
    found: List[Trigger] = list(gcloud.scheduler_triggers(relpath, lines))
    for number, line in lines:
        if re.search(r"\bschtasks(?:\.exe)?\s+/create\b", line, re.IGNORECASE):
            found.extend(_schtasks(relpath, number, line))
    found.extend(_aws(relpath, lines))
    return found


def options(line: str) -> Dict[str, str]:
    """``--name value`` / ``--name=value`` / ``/name value`` pairs of a command line, lower-case names."""
    try:
        words = shlex.split(line.replace("\\", "/"), comments=False)
    except ValueError:
        words = line.split()
    found: Dict[str, str] = {}
    for index, word in enumerate(words):
        if not word.startswith(("--", "/")) or "/" in word[1:] and not word.startswith("--"):
            continue
        name, _, value = word.partition("=")
        if not value and index + 1 < len(words):
            value = words[index + 1]
        found.setdefault(name.lower(), value)
    return found


def _schtasks(relpath: str, number: int, line: str) -> List[Trigger]:
    from llm_latency_lint.catalog.schedule_words import clock, describe_cron, interval

    given = options(line)
    kind, command = given.get("/sc", "").lower(), given.get("/tr")
    if not command or kind not in ("minute", "hourly", "daily", "weekly", "monthly"):
        return []
    every = int(given["/mo"]) if given.get("/mo", "").isdigit() else 1
    start = clock(given.get("/st", "00:00")) or "00:00"
    hour, minute = (start.split(":") + ["0"])[:2] if not start.startswith(":") else ("0", start[1:])
    if kind in _SCHTASKS_PERIODS:
        words: Optional[str] = interval(_SCHTASKS_PERIODS[kind] * every)
    elif kind == "daily" and every == 1:
        words = describe_cron(f"{int(minute)} {int(hour)} * * *")
    elif kind == "weekly":
        days = given.get("/d", "mon").lower().replace(" ", "")
        words = describe_cron(f"{int(minute)} {int(hour)} * * {days}")
    elif kind == "monthly":
        words = describe_cron(f"{int(minute)} {int(hour)} {given.get('/d', '1')} * *")
    else:
        words = f"every {every} days"
    what = f"{relpath} documents a Windows scheduled task (schtasks /sc {kind})"
    return schedule_triggers("scheduled", "docs", command, number, what, words)


def _aws(relpath: str, lines: List[Line]) -> List[Trigger]:
    """EventBridge rules and schedules that invoke a Lambda function whose handler the doc gives."""
    from llm_latency_lint.catalog.schedule_words import aws_schedule_words

    handlers: Dict[str, str] = {}
    rules: Dict[str, Tuple[int, str]] = {}
    targets: List[Tuple[str, str]] = []  # (rule, function)
    schedules: List[Tuple[int, str, str]] = []  # (line, expression, function)
    for number, line in lines:
        if not re.search(r"\baws\s+(?:lambda|events|scheduler)\b", line):
            continue
        given = options(line)
        if re.search(r"\blambda\s+(?:create-function|update-function-configuration)\b", line):
            if given.get("--function-name") and given.get("--handler"):
                handlers[given["--function-name"]] = given["--handler"]
        elif re.search(r"\bevents\s+put-rule\b", line) and given.get("--schedule-expression"):
            rules[given.get("--name", "")] = (number, given["--schedule-expression"])
        elif re.search(r"\bevents\s+put-targets\b", line):
            arn = _FUNCTION_ARN.search(line)
            if arn:
                targets.append((given.get("--rule", ""), arn.group(1)))
        elif re.search(r"\bscheduler\s+create-schedule\b", line) and given.get("--schedule-expression"):
            arn = _FUNCTION_ARN.search(line)
            if arn:
                schedules.append((number, given["--schedule-expression"], arn.group(1)))
    for rule, function in targets:
        if rule in rules:
            schedules.append((rules[rule][0], rules[rule][1], function))
    found: List[Trigger] = []
    for number, expr, function in schedules:
        handler = handlers.get(function)
        if handler:
            found.append(Trigger("scheduled", "docs", ["str", handler], number,
                                 f"{relpath} documents an EventBridge schedule '{expr}' for Lambda '{function}' "
                                 f"(handler {handler})", schedule=aws_schedule_words(expr)))
    return found
