"""Windows Task Scheduler tasks exported as XML (``schtasks /create /xml task.xml``, Task Scheduler's
"Export..."): the ``Task`` schema of ``http://schemas.microsoft.com/windows/2004/02/mit/task``.

Each ``Actions/Exec`` runs ``Command`` + ``Arguments`` from ``WorkingDirectory`` (Windows paths are
read with ``/``, the drive letter dropped, so ``C:\\proj\\digest.py`` matches ``digest.py`` by its
tail). Triggers: a ``CalendarTrigger`` (``ScheduleByDay`` / ``ScheduleByWeek`` with ``DaysOfWeek``
/ ``ScheduleByMonth`` with ``DaysOfMonth``, at the time of ``StartBoundary``) and any trigger with
a ``Repetition/Interval`` (``PT1H``): scheduled; an ``EventTrigger``: near-real-time; a
``BootTrigger`` / ``LogonTrigger`` only: the entry point ``schtasks:<file>`` (a program kept
running, no class of its own). A one-off ``TimeTrigger`` runs once and adds nothing. Schedules given
by ``schtasks /create /sc ...`` in docs are ``docs.py``'s.
"""
from __future__ import annotations

import re
import shlex
import xml.etree.ElementTree as ElementTree
from typing import List, Optional, Tuple

from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources._entries import (
    entry_triggers,
    line_of,
    schedule_triggers,
)
from llm_latency_lint.model import Trigger

MAX_BYTES = 1 << 20  # a task is a few kilobytes; a bigger XML file is data
NAMESPACE = "http://schemas.microsoft.com/windows/2004/02/mit/task"
_NS = {"t": NAMESPACE}
_DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


def matches(relpath: str, name: str) -> bool:
    return name.lower().endswith(".xml")


def parse(relpath: str, text: str) -> List[Trigger]:
    if NAMESPACE not in text or "<!DOCTYPE" in text or "<!ENTITY" in text:
        return []
    try:
        root = ElementTree.fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", text))
    except ElementTree.ParseError:
        return []  # not shown to be a task
    found: List[Trigger] = []
    for command, cwd in _actions(root):
        for kind, words, what, needle in _triggers(root):
            found.extend(schedule_triggers(kind, "windows-task", command, line_of(text, needle),
                                           f"Windows scheduled task {what} ({relpath})", words, cwd))
        if not any(k in ("scheduled", "near-real-time") for k, _, _, _ in _triggers(root)):
            found.extend(entry_triggers("windows-task", f"schtasks:{relpath}", command, line_of(text, "<Exec"),
                                        f"Windows scheduled task ({relpath})", cwd))
    return found


def _path(text: str) -> str:
    """``C:\\proj\\scripts\\x.py`` -> ``/proj/scripts/x.py``."""
    return re.sub(r"^[A-Za-z]:", "", text.strip().strip('"').replace("\\", "/"))


def _actions(root: ElementTree.Element) -> List[Tuple[str, str]]:
    found: List[Tuple[str, str]] = []
    for action in root.iterfind("t:Actions/t:Exec", _NS):
        command = action.findtext("t:Command", "", _NS)
        if not command.strip():
            continue
        arguments = action.findtext("t:Arguments", "", _NS).replace("\\", "/")
        words = [_path(command)] + [_path(w) if "/" in w else w for w in _split(arguments)]
        found.append((shlex.join(words), _path(action.findtext("t:WorkingDirectory", "", _NS))))
    return found


def _split(arguments: str) -> List[str]:
    try:
        return shlex.split(arguments)
    except ValueError:
        return arguments.split()


def _triggers(root: ElementTree.Element) -> List[Tuple[str, Optional[str], str, str]]:
    """(kind, schedule words, what, text to find its line) of each trigger that starts the task."""
    from llm_latency_lint.catalog.schedule_words import describe_cron, interval

    found: List[Tuple[str, Optional[str], str, str]] = []
    for trigger in root.iterfind("t:Triggers/*", _NS):
        tag = trigger.tag.rsplit("}", 1)[-1]
        if trigger.findtext("t:Enabled", "true", _NS).strip().lower() == "false":
            continue
        repeat = _seconds(trigger.findtext("t:Repetition/t:Interval", "", _NS))
        if repeat:
            found.append(("scheduled", interval(repeat), f"{tag} repeating every {interval(repeat)}", f"<{tag}"))
        elif tag == "CalendarTrigger":
            cron = _calendar(trigger)
            found.append(("scheduled", describe_cron(cron) if cron else None, tag, f"<{tag}"))
        elif tag == "EventTrigger":
            found.append(("near-real-time", None, f"{tag} (an event log entry)", f"<{tag}"))
    return found


def _calendar(trigger: ElementTree.Element) -> Optional[str]:
    clock = re.search(r"T(\d{2}):(\d{2})", trigger.findtext("t:StartBoundary", "", _NS))
    minute, hour = (str(int(clock.group(2))), str(int(clock.group(1)))) if clock else ("0", "0")
    if trigger.find("t:ScheduleByDay", _NS) is not None:
        return f"{minute} {hour} * * *"
    week = trigger.find("t:ScheduleByWeek/t:DaysOfWeek", _NS)
    if week is not None:
        days = [str(_DAYS.index(d.tag.rsplit('}', 1)[-1])) for d in week if d.tag.rsplit('}', 1)[-1] in _DAYS]
        return f"{minute} {hour} * * {','.join(days) or '*'}"
    month = trigger.find("t:ScheduleByMonth/t:DaysOfMonth", _NS)
    if month is not None:
        days = [d.text.strip() for d in month if d.text and d.text.strip().isdigit()]
        return f"{minute} {hour} {','.join(days) or '1'} * *"
    return None


def _seconds(duration: str) -> Optional[int]:
    """``PT1H30M`` -> 5400."""
    found = _DURATION.match(duration.strip())
    if not found or not any(found.groups()):
        return None
    days, hours, minutes, seconds = (int(g or 0) for g in found.groups())
    return days * 86400 + hours * 3600 + minutes * 60 + seconds or None


SOURCE = Source("windows-tasks", matches, parse, max_bytes=MAX_BYTES)
