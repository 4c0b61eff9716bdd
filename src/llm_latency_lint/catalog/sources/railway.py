"""Railway cron services: ``railway.toml`` / ``railway.json`` config as code.

``[deploy] startCommand = "python digest.py"`` with ``cronSchedule = "0 7 * * *"``: Railway
starts the service on that schedule, runs the command, and expects it to exit. Scheduled; the
command is followed like any other (``python x.py``, ``python -m``, ``make``...). A service
without ``cronSchedule`` is a long-running process: no trigger here (its code says what it serves).
"""
from __future__ import annotations

import json
import re
import sys
from typing import Any, List

from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources._entries import schedule_triggers
from llm_latency_lint.model import Trigger

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SOURCE_ID = "railway-cron"


def matches(relpath: str, name: str) -> bool:
    return name in ("railway.toml", "railway.json")


def _line(text: str, key: str) -> int:
    found = re.search(rf"[\"']?{key}[\"']?\s*[=:]", text)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def parse(relpath: str, text: str) -> List[Trigger]:
    from llm_latency_lint.catalog.schedule_words import describe_cron

    try:
        data: Any = json.loads(text) if relpath.endswith(".json") else tomllib.loads(text)
    except (ValueError, UnicodeError):
        return []
    deploy = data.get("deploy") if isinstance(data, dict) else None
    if not isinstance(deploy, dict):
        return []
    schedule, command = deploy.get("cronSchedule"), deploy.get("startCommand")
    if not isinstance(schedule, str) or not isinstance(command, str):
        return []
    cwd = relpath.rpartition("/")[0]
    return schedule_triggers("scheduled", SOURCE_ID, command, _line(text, "cronSchedule"),
                             f"Railway cron service '{schedule}' ({relpath})", describe_cron(schedule), cwd)


SOURCE = Source(SOURCE_ID, matches, parse)
