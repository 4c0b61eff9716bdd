"""Railway cron services: ``railway.toml`` / ``railway.json`` config as code.

``[deploy] startCommand = "python digest.py"`` with ``cronSchedule = "0 7 * * *"``: Railway
starts the service on that schedule, runs the command, and expects it to exit. Scheduled; the
command is followed like any other (``python x.py``, ``python -m``, ``make``...). A service
without ``cronSchedule`` is a long-running process: no trigger here (its code says what it serves).
A ``[cron]`` table (or a list of them: ``[[cron]]``, ``crons``) with a schedule and a command is read
the same way: a config file that names both declares the schedule, whichever keys carry them.
"""
from __future__ import annotations

import json
import re
import sys
from typing import Any, Dict, List, Tuple

from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources._entries import schedule_triggers
from llm_latency_lint.model import Trigger

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SOURCE_ID = "railway-cron"
# Where a schedule and its command are written: ``[deploy]`` (Railway's config-as-code) or a cron table.
CRON_TABLES = ("cron", "crons")
SCHEDULE_KEYS = ("cronSchedule", "schedule")
COMMAND_KEYS = ("startCommand", "command")


def matches(relpath: str, name: str) -> bool:
    return name in ("railway.toml", "railway.json")


def _line(text: str, key: str, value: str, start: int) -> Tuple[int, int]:
    """The line of ``key`` set to ``value`` at or after offset ``start`` (each ``[[cron]]`` entry
    its own), and the offset after it; else of the first ``key``."""
    found = re.compile(rf"[\"']?{key}[\"']?\s*[=:]\s*[\"']{re.escape(value)}").search(text, start)
    found = found or re.search(rf"[\"']?{key}[\"']?\s*[=:]", text)
    return (text.count("\n", 0, found.start()) + 1, found.end()) if found else (1, start)


def parse(relpath: str, text: str) -> List[Trigger]:
    from llm_latency_lint.catalog.schedule_words import describe_cron

    try:
        data: Any = json.loads(text) if relpath.endswith(".json") else tomllib.loads(text)
    except (ValueError, UnicodeError):
        return []
    if not isinstance(data, dict):
        return []
    tables: List[Any] = [data.get("deploy")]
    for key in CRON_TABLES:
        found = data.get(key)
        tables.extend(found if isinstance(found, list) else [found])
    cwd = relpath.rpartition("/")[0]
    triggers: List[Trigger] = []
    after: Dict[str, int] = {}  # per key, the offset past its last entry found
    for table in tables:
        if not isinstance(table, dict):
            continue
        schedule_key = next((k for k in SCHEDULE_KEYS if isinstance(table.get(k), str)), None)
        command = next((table[k] for k in COMMAND_KEYS if isinstance(table.get(k), str)), None)
        if schedule_key is None or command is None:
            continue
        schedule = table[schedule_key]
        line, after[schedule_key] = _line(text, schedule_key, schedule, after.get(schedule_key, 0))
        triggers.extend(schedule_triggers("scheduled", SOURCE_ID, command, line,
                                          f"Railway cron service '{schedule}' ({relpath})", describe_cron(schedule), cwd))
    return triggers


SOURCE = Source(SOURCE_ID, matches, parse)
