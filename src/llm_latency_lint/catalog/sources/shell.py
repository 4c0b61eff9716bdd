"""Shell scripts (``*.sh``): the script is the entry point ``shell:<path>``; each line it runs counts.

A script that loops forever with a ``sleep`` (``while true; do ...; sleep 3600; done``) is a
schedule itself, and so is a Cloud Scheduler job it creates (``gcloud.py``). Lines are joined on ``\\`` continuations; comments are dropped.
"""
from __future__ import annotations

from typing import List

from llm_latency_lint.catalog.sources import Source, gcloud
from llm_latency_lint.catalog.sources._entries import entry_triggers, loop_triggers
from llm_latency_lint.model import Trigger


def matches(relpath: str, name: str) -> bool:
    return name.endswith((".sh", ".bash"))


def parse(relpath: str, text: str) -> List[Trigger]:
    found: List[Trigger] = []
    key = f"shell:{relpath}"
    buffer, start = "", 0
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not buffer:
            start = number
        if raw.rstrip().endswith("\\"):
            buffer += raw.rstrip()[:-1] + " "
            continue
        line = (buffer + raw).strip()
        buffer = ""
        if not line or line.startswith("#"):
            continue
        lines.append((start, line))
        for trigger in entry_triggers("shell", key, line, start, relpath):
            if trigger.kind == "entry":
                found.append(trigger)
    found.extend(loop_triggers("shell", text, 1, relpath))
    found.extend(gcloud.scheduler_triggers(relpath, lines))
    return found


SOURCE = Source("shell", matches, parse)
