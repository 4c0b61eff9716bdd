"""Schedules in short words: "every 15 minutes", "hourly", "daily 02:00", "weekly Mon 07:00".

Every scheduler spells a schedule its own way (cron strings, Celery/Huey/arq/APScheduler
field keywords, intervals, Airflow presets). They are all read here into the five cron
fields (as sets of numbers) and described by one function, so evidence reads the same
whatever wrote the schedule. What we cannot put in words falls back to ``cron '<expr>'``.

Cron syntax is expanded by ``cronsim`` (a small, dependency-free parser that validates every
field); this module only maps each scheduler's spelling onto a cron line and words the result.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Dict, Mapping, Optional, Sequence, Set, Tuple

from cronsim import CronSim, CronSimError

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DAY_LABELS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")  # cron numbering: 0 = Sunday

PRESETS: Dict[str, str] = {
    "@hourly": "0 * * * *",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@weekly": "0 0 * * 0",
    "@monthly": "0 0 1 * *",
    "@quarterly": "0 0 1 */3 *",
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
}

# Full names some schedulers accept (Celery's ``day_of_week="monday"``, systemd's ``Monday``);
# cron and cronsim know the three-letter forms only.
_SHORT_NAMES = {
    name: name[:3]
    for name in ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "january",
                 "february", "march", "april", "june", "july", "august", "september", "october", "november",
                 "december")
}
# The field sizes of minute, hour, day of month, month and day of week.
_SIZES = (60, 24, 31, 12, 7)
_ANY_DATE = datetime(2000, 1, 1)  # cronsim wants a start time; expanding fields never uses it
_UNITS = ((604800, "week", "weekly"), (86400, "day", "daily"), (3600, "hour", "hourly"),
          (60, "minute", "every minute"), (1, "second", "every second"))
DURATION_SECONDS: Dict[str, float] = {
    "weeks": 604800, "days": 86400, "hours": 3600, "minutes": 60, "seconds": 1,
    "milliseconds": 0.001, "microseconds": 0.000001,
}
CronSets = Tuple[Set[int], Set[int], Set[int], Set[int], Set[int]]


# ---- cron fields -------------------------------------------------------------------------
def expand(fields: Sequence[str]) -> Optional[CronSets]:
    """Five cron fields (minute hour day month weekday) as sets of numbers, Sunday = 0.

    None when cronsim rejects them, or when they use ``L``, ``W`` or ``#`` (no short words
    for those). A lone ``?`` reads as ``*``, as Kubernetes' cron reads it.
    """
    spelled = [re.sub(r"[a-z]+", lambda m: _SHORT_NAMES.get(m.group(), m.group()), _tidy(f)) for f in fields]
    spelled = ["*" if f == "?" else f for f in spelled]
    if len(spelled) != 5 or not all(spelled) or any(char.isspace() for f in spelled for char in f):
        return None
    try:
        sim = CronSim(" ".join(spelled), _ANY_DATE)
    except CronSimError:
        return None
    sets = (sim.minutes, sim.hours, sim.days, sim.months, sim.weekdays)
    if not all(isinstance(v, int) and v >= 0 for values in sets for v in values):
        return None
    minute, hour, day, month, weekday = ({v for v in values if isinstance(v, int)} for values in sets)
    return minute, hour, day, month, {d % 7 for d in weekday}


def longest_gap_minutes(expr: str) -> Optional[int]:
    """The longest wait between runs of a cron expression inside its active hours (``*/5 8-18 * * *``
    -> 5), or None: unreadable, or fewer than four runs a day (no steady cadence to speak of)."""
    sets = expand(expr.split())
    if sets is None:
        return None
    fires = sorted(h * 60 + m for h in sets[1] for m in sets[0])
    if len(fires) < 4:
        return None
    return max(b - a for a, b in zip(fires, fires[1:]))


def _tidy(field: Any) -> str:
    return re.sub(r"\s*,\s*", ",", str(field).strip().lower())


def describe_cron(expr: str) -> str:
    """A 5-field cron expression or preset in words; ``cron '<expr>'`` when not describable."""
    text = " ".join(str(expr).split())
    cron = PRESETS.get(text.lower(), text)
    fields = cron.split(" ")
    if len(fields) == 5:
        words = describe_fields(fields)
        if words:
            return words
    return f"cron '{text}'"


def describe_fields(fields: Sequence[Any]) -> Optional[str]:
    """Words for five cron fields given as text (minute hour day month weekday); None if unclear."""
    sets = expand([_field_text(field) for field in fields])
    return None if sets is None else describe_sets(*sets)


def _field_text(value: Any) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ",".join(_field_text(v) for v in value)
    return "*" if value is None else str(value)


def describe_sets(minute: Set[int], hour: Set[int], day: Set[int], month: Set[int], weekday: Set[int]) -> Optional[str]:
    days = _days(day, month, weekday)
    if days is None or not minute or not hour:
        return None
    prefix, suffix = days
    every_hours = _cyclic(hour, 24)
    if len(minute) == 1 and len(hour) <= 6 and len(hour) < 24 and not (every_hours and len(hour) > 2):
        (m,) = minute
        return f"{prefix} " + ",".join(f"{h:02d}:{m:02d}" for h in sorted(hour))
    every = _every(minute, hour)
    return None if every is None else every + suffix


def _every(minute: Set[int], hour: Set[int]) -> Optional[str]:
    per_minute = _cyclic(minute, 60)
    if len(hour) == 24:
        if len(minute) == 1:
            (m,) = minute
            return "hourly" if m == 0 else f"hourly at :{m:02d}"
        return interval(per_minute * 60) if per_minute else None
    every_hours = _cyclic(hour, 24)
    if every_hours and len(minute) == 1:
        (m,) = minute
        return interval(every_hours * 3600) + ("" if m == 0 else f" at :{m:02d}")
    lo, hi = min(hour), max(hour)
    if per_minute and hour == set(range(lo, hi + 1)):
        return f"{interval(per_minute * 60)} {lo:02d}:00-{hi:02d}:59"
    return None


def _cyclic(values: Set[int], period: int) -> Optional[int]:
    """The step of evenly spaced values that wrap around ``period``, if they are."""
    ordered = sorted(values)
    if len(ordered) < 2:
        return None
    step = ordered[1] - ordered[0]
    if period % step or len(ordered) != period // step:
        return None
    return step if all(b - a == step for a, b in zip(ordered, ordered[1:])) else None


def _days(day: Set[int], month: Set[int], weekday: Set[int]) -> Optional[Tuple[str, str]]:
    """(prefix before a clock time, suffix after an interval) for the day fields."""
    any_day, any_month, any_weekday = len(day) == 31, len(month) == 12, len(weekday) == 7
    if any_day and any_month and any_weekday:
        return "daily", ""
    if any_day and any_month:
        if weekday == {1, 2, 3, 4, 5}:
            return "weekdays", " on weekdays"
        if weekday == {0, 6}:
            return "weekends", " on weekends"
        run = _day_run(weekday)
        if run:
            return run, f" on {run}"
        labels = ",".join(DAY_LABELS[d] for d in sorted(weekday, key=lambda d: (d == 0, d)))
        return f"weekly {labels}", f" on {labels}"
    if not any_weekday:
        return None  # day-of-month and day-of-week together: cron ORs them
    numbers = ",".join(str(d) for d in sorted(day))
    plural = "s" if len(day) > 1 else ""
    if any_month:
        return f"monthly day{plural} {numbers}", f" on day{plural} {numbers} of the month"
    if month == {1, 4, 7, 10} and not any_day:
        return f"quarterly day{plural} {numbers}", f" on day{plural} {numbers} of each quarter"
    if len(month) == 1 and not any_day:
        (m,) = month
        label = MONTHS[m - 1].capitalize()
        return f"yearly {label} {numbers}", f" on {label} {numbers}"
    return None


def _day_run(weekday: Set[int]) -> Optional[str]:
    """Three or more days in a row, across the weekend too: {0, 1, 2, 3, 4} -> "Sun-Thu"."""
    starts = [d for d in weekday if (d - 1) % 7 not in weekday]
    if len(weekday) < 3 or len(starts) != 1:
        return None
    (first,) = starts
    return f"{DAY_LABELS[first]}-{DAY_LABELS[(first + len(weekday) - 1) % 7]}"


# ---- intervals ---------------------------------------------------------------------------
def interval(seconds: float) -> str:
    """A repeat interval in words: 900 -> "every 15 minutes", 3600 -> "hourly"."""
    if seconds <= 0:
        return f"every {seconds:g} seconds"
    for size, unit, single in _UNITS:
        if seconds % size == 0 and seconds >= size:
            count = int(seconds // size)
            return single if count == 1 else f"every {count} {unit}s"
    return f"every {seconds:g} seconds"


def duration_seconds(values: Mapping[str, Any]) -> Optional[float]:
    """Seconds of ``timedelta(**values)``-style keywords; None when a value is not a number."""
    total = 0.0
    for key, value in values.items():
        if key not in DURATION_SECONDS:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        total += value * DURATION_SECONDS[key]
    return total if total > 0 else None


def describe_period(values: Mapping[str, Any]) -> Optional[str]:
    """``Period``/``relativedelta``-style keywords, months and years included."""
    calendar = {k: values.get(k) for k in ("years", "months") if values.get(k)}
    rest = {k: v for k, v in values.items() if k in DURATION_SECONDS and v}
    if calendar and not rest and len(calendar) == 1:
        (unit, count), = calendar.items()
        if isinstance(count, int) and not isinstance(count, bool) and count > 0:
            single = {"years": "yearly", "months": "monthly"}[unit]
            return single if count == 1 else f"every {count} {unit}"
        return None
    if calendar:
        return None
    seconds = duration_seconds(values)
    return interval(seconds) if seconds else None


# ---- scheduler dialects ------------------------------------------------------------------
def celery_crontab(values: Mapping[str, Any]) -> str:
    """``celery.schedules.crontab(**values)``: every field defaults to ``*``."""
    return _dialect(values, ("minute", "hour", "day_of_month", "month_of_year", "day_of_week"))


def huey_crontab(values: Mapping[str, Any]) -> str:
    """``huey.crontab(**values)``: every field defaults to ``*``."""
    return _dialect(values, ("minute", "hour", "day", "month", "day_of_week"))


def _dialect(values: Mapping[str, Any], keys: Sequence[str]) -> str:
    fields = [_field_text(values.get(key, "*")) for key in keys]
    return describe_fields(fields) or f"cron '{' '.join(fields)}'"


# APScheduler and arq number weekdays from Monday.
_MONDAY_FIRST = {name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}
_APS_ORDER = ("year", "month", "day", "week", "day_of_week", "hour", "minute", "second")
_APS_DEFAULTS = {
    "year": "*", "month": 1, "day": 1, "week": "*", "day_of_week": "*", "hour": 0, "minute": 0, "second": 0,
}


def apscheduler_cron(values: Mapping[str, Any]) -> str:
    """APScheduler ``CronTrigger(**values)``/``add_job(f, "cron", **values)``.

    Fields above the least significant one given default to ``*``, those below it to their
    minimum, as APScheduler does (``hour=2`` means 02:00:00 daily).
    """
    given = {k: v for k, v in values.items() if k in _APS_ORDER}
    fields: Dict[str, Any] = {}
    remaining = set(given)
    for key in _APS_ORDER:
        if key in remaining:
            fields[key] = given[key]
            remaining.discard(key)
        else:
            fields[key] = _APS_DEFAULTS[key] if not remaining else "*"
    display = f"cron '{' '.join(_field_text(fields[k]) for k in ('minute', 'hour', 'day', 'month', 'day_of_week'))}'"
    if _field_text(fields["year"]) != "*" or _field_text(fields["week"]) != "*":
        return display
    weekday = _monday_first(fields["day_of_week"])
    if weekday is None:
        return display
    cron = [fields["minute"], fields["hour"], fields["day"], fields["month"], weekday]
    if _field_text(fields["second"]) in ("0", "00"):
        return describe_fields(cron) or display
    # Seconds share the minute field's range, so cronsim expands them in that place.
    seconds = expand([_field_text(fields["second"]), "*", "*", "*", "*"])
    every_day = expand([_field_text(v) for v in cron[:4]] + ["*"])
    step = _cyclic(seconds[0], 60) if seconds else None
    if step and every_day and weekday == "*" and all(len(s) == n for s, n in zip(every_day, _SIZES)):
        return interval(step)
    return display


def arq_cron(values: Mapping[str, Any]) -> str:
    """``arq.cron(fn, **values)``: a missing field (None) is every value; ``second`` defaults to 0."""
    fields = [values.get(k) for k in ("minute", "hour", "day", "month")]
    weekday = _monday_first(values.get("weekday"))
    display = f"cron '{' '.join(_field_text(f) for f in fields)} {_field_text(values.get('weekday'))}'"
    if weekday is None or values.get("second", 0) not in (0, [0]):
        return display
    return describe_fields([*fields, weekday]) or display


def _monday_first(value: Any) -> Optional[str]:
    """A Monday-first weekday field (APScheduler, arq: Monday = 0) in cron numbering.

    Each day moves up by one, so Monday..Sunday become cron's 1..7 (7 is Sunday too) and
    ranges and steps keep their meaning: ``4-6`` -> ``5-7``, ``*/2`` -> ``1-7/2``.
    """
    text = _field_text(value).strip().lower()
    if text in ("*", "?"):
        return "*"
    shifted = re.sub(r"/\d+|\*|[a-z]+|\d+", _shift_day, text)
    sets = expand(["0", "0", "*", "*", shifted]) if "?" not in shifted else None
    return None if sets is None else ",".join(str(d) for d in sorted(sets[4]))


def _shift_day(token: re.Match[str]) -> str:
    text = token.group()
    if text.startswith("/"):
        return text  # a step, not a day
    if text == "*":
        return "1-7"
    day = int(text) if text.isdigit() else _MONDAY_FIRST.get(_SHORT_NAMES.get(text, text))
    return "?" if day is None or day > 6 else str(day + 1)


def clock(text: str) -> Optional[str]:
    """"2:00" -> "02:00", "10:30:00" -> "10:30", ":15" -> ":15"; None when not a time."""
    found = re.match(r"^\s*(\d{1,2})?:(\d{2})(?::(\d{2}))?\s*$", text)
    if not found:
        return None
    hours, minutes, seconds = found.groups()
    head = f"{int(hours):02d}:{minutes}" if hours is not None else f":{minutes}"
    return head if seconds in (None, "00") else f"{head}:{seconds}"


_AWS_RATE = re.compile(r"^\s*rate\(\s*(\d+)\s+(minute|hour|day)s?\s*\)\s*$")
_AWS_CRON = re.compile(r"^\s*cron\((.*)\)\s*$")
_AWS_UNIT = {"minute": 60, "hour": 3600, "day": 86400}


# AWS's last-day, weekday and nth-weekday marks (``L``, ``15W``, ``LW``, ``6#3``), not the W of ``WED``.
_AWS_SPECIAL = re.compile(r"#|\d[LW]\b|\bLW?\b")


def aws_schedule_words(expr: str) -> Optional[str]:
    """``rate(5 minutes)`` -> every 5 minutes; ``cron(0 7 ? * MON-FRI *)`` (AWS: six fields,
    ``?``, weekdays 1 = Sunday) in words; None when unclear."""
    rate = _AWS_RATE.match(expr)
    if rate:
        return interval(int(rate.group(1)) * _AWS_UNIT[rate.group(2)])
    cron = _AWS_CRON.match(expr)
    if not cron:
        return None
    fields = cron.group(1).split()
    if len(fields) != 6 or _AWS_SPECIAL.search(cron.group(1).upper()):
        return None
    parts = ["*" if p == "?" else p for p in fields[:5]]
    parts[4] = re.sub(r"(?<![/\d])\d+", lambda m: str((int(m.group(0)) - 1) % 7), parts[4])
    words = describe_cron(" ".join(parts))
    return None if words.startswith("cron '") else words

