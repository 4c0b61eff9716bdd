"""macOS launchd jobs: property lists (``~/Library/LaunchAgents/*.plist``) kept in the repository.

Read with ``plistlib`` (XML plists: a binary plist is not text and is not read). ``ProgramArguments`` (or ``Program``) is the command,
run from ``WorkingDirectory``; paths outside the repository (``/Users/me/proj/scripts/x.py``) match
the scanned files by their longest common tail, like a crontab's. What starts the job
(launchd.plist(5)):

- ``StartCalendarInterval`` (a dict or a list of dicts of ``Minute``/``Hour``/``Day``/``Weekday``/
  ``Month``; a missing key is a wildcard, like cron's ``*``) and ``StartInterval`` (seconds):
  scheduled;
- ``WatchPaths`` / ``QueueDirectories`` (a file changed or dropped): near-real-time;
- ``RunAtLoad`` / ``KeepAlive`` only: a daemon launchd keeps running; the entry point
  ``launchd:<Label>``, which gives its command no class of its own (like a systemd service).

A plist that is not a job (an ``Info.plist``, a preferences file) has no ``ProgramArguments`` and
adds nothing.
"""
from __future__ import annotations

import plistlib
import shlex
from typing import Any, Dict, List, Optional

from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources._entries import (
    entry_triggers,
    line_of,
    schedule_triggers,
)
from llm_latency_lint.model import Trigger

MAX_BYTES = 1 << 20  # a job is a few hundred bytes; a bigger plist is data
_FIELDS = ("Minute", "Hour", "Day", "Month", "Weekday")


def matches(relpath: str, name: str) -> bool:
    return name.endswith(".plist")


def parse(relpath: str, text: str) -> List[Trigger]:
    if "ProgramArguments" not in text and "<key>Program</key>" not in text:
        return []
    try:
        job = plistlib.loads(text.encode("utf-8"))
    except Exception:  # noqa: BLE001 - plistlib raises ExpatError, ValueError...: not shown to be a job
        return []
    if not isinstance(job, dict):
        return []
    command = _command(job)
    if not command:
        return []
    label = str(job.get("Label") or relpath)
    working = job.get("WorkingDirectory")
    cwd = working if isinstance(working, str) else ""
    found: List[Trigger] = []
    calendar = job.get("StartCalendarInterval")
    for interval in calendar if isinstance(calendar, list) else [calendar] if isinstance(calendar, dict) else []:
        cron = calendar_cron(interval) if isinstance(interval, dict) else None
        if cron is None:
            continue
        found.extend(schedule_triggers("scheduled", "launchd", command, line_of(text, "StartCalendarInterval"),
                                       f"launchd job '{label}' StartCalendarInterval ({relpath})",
                                       _words(cron), cwd))
    seconds = job.get("StartInterval")
    if isinstance(seconds, int) and not isinstance(seconds, bool) and seconds > 0:
        from llm_latency_lint.catalog.schedule_words import interval as every

        found.extend(schedule_triggers("scheduled", "launchd", command, line_of(text, "StartInterval"),
                                       f"launchd job '{label}' StartInterval {seconds} ({relpath})",
                                       every(seconds), cwd))
    for key in ("WatchPaths", "QueueDirectories"):
        if job.get(key):
            found.extend(schedule_triggers("near-real-time", "launchd", command, line_of(text, key),
                                           f"launchd job '{label}' {key} (a file event) ({relpath})", None, cwd))
    if not found:
        found.extend(entry_triggers("launchd", f"launchd:{label}", command, line_of(text, "ProgramArguments"),
                                    f"launchd job '{label}' ({relpath})", cwd))
    return found


def _command(job: Dict[str, Any]) -> Optional[str]:
    arguments = job.get("ProgramArguments")
    words = [str(a) for a in arguments] if isinstance(arguments, list) else []
    program = job.get("Program")
    if isinstance(program, str) and (not words or words[0] != program):
        words = [program] + words[1:] if words else [program]
    return shlex.join(words) if words else None


def calendar_cron(interval: Dict[str, Any]) -> Optional[str]:
    """``{Hour: 6, Minute: 0}`` -> ``0 6 * * *``; None when a value is not an integer."""
    fields: List[str] = []
    for key in _FIELDS:
        value = interval.get(key)
        if value is None:
            fields.append("*")
        elif isinstance(value, int) and not isinstance(value, bool):
            fields.append(str(value % 7 if key == "Weekday" else value))  # launchd allows 7 for Sunday
        else:
            return None
    if all(f == "*" for f in fields):
        return None if interval else "* * * * *"
    return " ".join(fields)


def _words(cron: str) -> str:
    from llm_latency_lint.catalog.schedule_words import describe_cron

    return describe_cron(cron)


SOURCE = Source("launchd", matches, parse, max_bytes=MAX_BYTES)
