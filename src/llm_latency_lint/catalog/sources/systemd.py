"""systemd timers: a ``.timer`` schedules its ``.service``; the service's ``ExecStart`` is what runs.

The ``.timer`` gives the schedule (``OnCalendar=``, or a monotonic ``OnUnitActiveSec=`` /
``OnBootSec=`` period) and the unit (``Unit=``, by default the timer's own name with
``.service``) in the timer's folder; the ``.service`` is the entry point
``systemd:<folder>/<name>.service`` (a repository of several projects, each with its own
``systemd/pipeline.timer`` and ``pipeline.service``, pairs each timer with its own service), its
``ExecStart`` run from its ``WorkingDirectory=`` (``python3 app.py`` there is ``<dir>/app.py``,
matched by its tail: the sub-project's ``app.py``, not another one's).
``OnCalendar`` forms with a weekday list, a ``*-*-DD`` / ``*-MM-DD`` date and an ``HH:MM``
time are put in words through the cron fields; others are quoted.
"""
from __future__ import annotations

import posixpath
import re
from typing import Dict, Iterable, List, Optional, Tuple

from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources._entries import entry_triggers, schedule_triggers
from llm_latency_lint.model import Trigger

_KEYWORDS = {
    "minutely": "* * * * *", "hourly": "0 * * * *", "daily": "0 0 * * *", "weekly": "0 0 * * 1",
    "monthly": "0 0 1 * *", "yearly": "0 0 1 1 *", "annually": "0 0 1 1 *", "quarterly": "0 0 1 1,4,7,10 *",
}
_SPAN_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1, "sec": 1, "second": 1, "seconds": 1, "m": 60, "min": 60,
               "minute": 60, "minutes": 60, "h": 3600, "hr": 3600, "hour": 3600, "hours": 3600, "d": 86400,
               "day": 86400, "days": 86400, "w": 604800, "week": 604800, "weeks": 604800}


def matches(relpath: str, name: str) -> bool:
    return name.endswith((".timer", ".service"))


Sections = Dict[str, Dict[str, List[Tuple[str, int]]]]


def sections(lines: Iterable[Tuple[int, str]]) -> Sections:
    """``{section: {key: [(value, line)]}}`` of a unit's numbered lines; systemd allows repeated
    keys, configparser does not."""
    found: Sections = {}
    current: Optional[Dict[str, List[Tuple[str, int]]]] = None
    for number, raw in lines:
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = found.setdefault(line[1:-1], {})
        elif current is not None and "=" in line:
            key, _, value = line.partition("=")
            current.setdefault(key.strip(), []).append((value.strip(), number))
    return found


def parse(relpath: str, text: str) -> List[Trigger]:
    units = sections(enumerate(text.splitlines(), start=1))
    folder, name = posixpath.split(relpath)
    if name.endswith(".service"):
        found: List[Trigger] = []
        service = units.get("Service", {})
        cwd = working_directory(service)
        for command, line in service.get("ExecStart", []):
            found.extend(entry_triggers("systemd", unit_key(folder, name), command.lstrip("-@:+!"), line,
                                        f"{name} ExecStart", cwd))
        return found
    timer = units.get("Timer", {})
    found = []
    for line, setting, words in timer_schedules(timer):
        found.extend(schedule_triggers("scheduled", "systemd", "", line, f"{name} {setting}", words,
                                       keys=[unit_key(folder, timer_unit(name, timer))]))
    return found


def unit_key(folder: str, unit: str) -> str:
    """The entry key of the unit file ``unit`` in ``folder`` (a timer's ``Unit=`` is a name
    systemd looks up among installed units: the one installed beside the timer)."""
    return f"systemd:{posixpath.join(folder, posixpath.basename(unit))}"


def working_directory(service: Dict[str, List[Tuple[str, int]]]) -> str:
    """The service's last ``WorkingDirectory=``, its ``-`` prefix (a missing folder is no error)
    dropped: a path on the deploying machine, which scripts' paths match by their tail."""
    values = service.get("WorkingDirectory", [])
    return values[-1][0].lstrip("-").strip('"') if values else ""


def timer_unit(name: str, timer: Dict[str, List[Tuple[str, int]]]) -> str:
    """The unit a timer runs: ``Unit=``, by default the timer's own name with ``.service``."""
    return next((v for v, _ in timer.get("Unit", [])), name[: -len(".timer")] + ".service")


def timer_schedules(timer: Dict[str, List[Tuple[str, int]]]) -> List[Tuple[int, str, Optional[str]]]:
    """(line, ``Key=value``, words) of each setting of a ``[Timer]`` section that schedules its unit."""
    from llm_latency_lint.catalog.schedule_words import interval

    found: List[Tuple[int, str, Optional[str]]] = []
    for key, values in timer.items():
        for value, line in values:
            if key == "OnCalendar":
                words: Optional[str] = calendar_words(value)
            elif key in ("OnUnitActiveSec", "OnUnitInactiveSec", "OnBootSec", "OnStartupSec", "OnActiveSec"):
                if key in ("OnBootSec", "OnStartupSec", "OnActiveSec") and "OnUnitActiveSec" in timer:
                    continue  # the first run's delay; the period is OnUnitActiveSec
                seconds = span_seconds(value)
                words = interval(seconds) if seconds else None
            else:
                continue
            found.append((line, f"{key}={value}", words))
    return found


def span_seconds(text: str) -> Optional[float]:
    """``1h 30min`` / ``15m`` / ``3600``: a systemd time span in seconds."""
    total = 0.0
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([a-z]*)", text.lower())
    if not parts or re.sub(r"[\d.\sa-z]", "", text.lower()):
        return None
    for number, unit in parts:
        if unit and unit not in _SPAN_UNITS:
            return None
        total += float(number) * _SPAN_UNITS.get(unit or "s", 1)
    return total or None


def calendar_words(value: str) -> str:
    from llm_latency_lint.catalog.schedule_words import describe_cron, describe_fields

    text = value.strip()
    if text.lower() in _KEYWORDS:
        return describe_cron(_KEYWORDS[text.lower()])
    fields = _calendar_fields(text)
    words = describe_fields(fields) if fields else None
    return words or f"OnCalendar '{text}'"


def _calendar_fields(text: str) -> Optional[List[str]]:
    """``Mon..Fri *-*-* 07:00`` -> ``["0", "7", "*", "*", "mon-fri"]``."""
    words = text.split()
    weekday = "*"
    if words and re.match(r"^[A-Za-z]", words[0]):
        weekday = words.pop(0).replace("..", "-").lower()
    date, clock = "*-*-*", "00:00:00"
    for word in words:
        if "-" in word:
            date = word
        elif ":" in word:
            clock = word
        else:
            return None
    date_parts = date.split("-")
    clock_parts = clock.split(":")
    if len(date_parts) != 3 or len(clock_parts) not in (2, 3):
        return None
    if date_parts[0] != "*" or (len(clock_parts) == 3 and clock_parts[2] not in ("00", "0")):
        return None
    hour, minute = (_field(p) for p in clock_parts[:2])
    month, day = (_field(p) for p in date_parts[1:])
    return [minute, hour, day, month, weekday]


def _field(part: str) -> str:
    """A systemd calendar component in cron spelling: ``07`` -> ``7``, ``1..5`` -> ``1-5``."""
    return str(int(part)) if part.isdigit() else part.replace("..", "-")


SOURCE = Source("systemd", matches, parse)
