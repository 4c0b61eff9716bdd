"""``app.json`` ``cron`` entries (Dokku) and ``cron.json`` ``jobs`` (Scalingo).

Dokku: ``{"cron": [{"command": "python x.py", "schedule": "0 2 * * *"}]}``. Scalingo:
``{"jobs": [{"command": "0 2 * * * python x.py"}]}``. Heroku Scheduler keeps its jobs in the
dashboard, not in any file, so only ``addons: ["scheduler"]`` could be seen there: that names no
command and is not a trigger.
"""
from __future__ import annotations

import json
import re
from typing import Any, List, Tuple

from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources._entries import schedule_triggers
from llm_latency_lint.model import Trigger

_CRON_PREFIX = re.compile(r"^\s*(?P<expr>(?:\S+\s+){4}\S+|@\w+)\s+(?P<cmd>.+)$")


def matches(relpath: str, name: str) -> bool:
    return name in ("app.json", "cron.json")


def parse(relpath: str, text: str) -> List[Trigger]:
    from llm_latency_lint.catalog.schedule_words import describe_cron

    data = json.loads(text)
    if not isinstance(data, dict):
        return []
    found: List[Trigger] = []
    for entry, key in _entries(data):
        command, schedule = entry.get("command"), entry.get("schedule")
        if not isinstance(command, str):
            continue
        if not isinstance(schedule, str):
            prefixed = _CRON_PREFIX.match(command)
            if not prefixed:
                continue
            schedule, command = prefixed.group("expr"), prefixed.group("cmd")
        line = _line_of(text, command)
        found.extend(schedule_triggers("scheduled", "app-json", command, line,
                                       f"{relpath} {key} '{schedule}'", describe_cron(schedule)))
    return found


def _entries(data: dict) -> List[Tuple[dict, str]]:
    out: List[Tuple[dict, str]] = []
    for key in ("cron", "jobs"):
        value: Any = data.get(key)
        for entry in value if isinstance(value, list) else []:
            if isinstance(entry, dict):
                out.append((entry, key))
    return out


def _line_of(text: str, needle: str) -> int:
    """JSON has no positions in ``json.loads``: the first line that mentions the command."""
    for number, line in enumerate(text.splitlines(), start=1):
        if json.dumps(needle)[1:-1] in line or needle in line:
            return number
    return 1


SOURCE = Source("app-json", matches, parse)
