"""Procfile (Heroku, Dokku, foreman, honcho): process types and their commands.

A ``clock:`` / ``scheduler:`` / ``cron:`` / ``beat:`` process exists to run things on a
timer: what it runs is scheduled (the frequency lives in that program, so none is given
here). A ``worker:`` process is weak near-real-time evidence: it says what runs, not who waits
(the process may be a chat bot whose handlers answer people, or the consumer of a queue whose
tasks have triggers of their own), so it classifies only code nothing else reaches. ``web:`` and
``release:`` add nothing: routes are recognised in the Python code itself.
"""
from __future__ import annotations

import re
from typing import List

from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources._entries import loop_triggers, schedule_triggers
from llm_latency_lint.model import Trigger

SCHEDULER_PROCESSES = ("clock", "scheduler", "cron", "beat", "timer", "scheduled", "periodic")
WORKER_PROCESSES = ("worker", "queue", "consumer")
_LINE = re.compile(r"^(?P<name>[A-Za-z0-9_-]+):\s*(?P<cmd>.+)$")


def matches(relpath: str, name: str) -> bool:
    return name == "Procfile" or name.startswith("Procfile.")


def _role(name: str) -> str:
    lowered = name.lower()
    if any(word in lowered for word in SCHEDULER_PROCESSES):
        return "scheduled"
    if any(word in lowered for word in WORKER_PROCESSES):
        return "near-real-time"
    return ""


def parse(relpath: str, text: str) -> List[Trigger]:
    found: List[Trigger] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _LINE.match(raw.strip())
        if not line or raw.lstrip().startswith("#"):
            continue
        name, command = line.group("name"), line.group("cmd")
        loops = loop_triggers("procfile", command, number, f"Procfile process '{name}'")
        if loops:
            found.extend(loops)
            continue
        role = _role(name)
        if role == "scheduled":
            what = f"Procfile process '{name}' (a clock process)"
        elif role:
            what = f"Procfile process '{name}' (a worker)"
        else:
            continue
        for trigger in schedule_triggers(role, "procfile", command, number, what):
            trigger.weak = role != "scheduled"
            found.append(trigger)
    return found


SOURCE = Source("procfile", matches, parse)
