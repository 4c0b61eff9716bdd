"""Schedules in short words: "every 15 minutes", "hourly", "daily 02:00", "weekly Mon 07:00".

Every scheduler spells a schedule its own way (cron strings, Celery/Huey/arq/APScheduler
field keywords, intervals, Airflow presets). They are all read here into the five cron
fields (as sets of numbers) and described by one function, so evidence reads the same
whatever wrote the schedule. What we cannot put in words falls back to ``cron '<expr>'``.

A small field reader is enough: we need the expanded fields, not next-run arithmetic, so
no cron library (and its date dependencies) is pulled into the linter.
"""
from __future__ import annotations

import re
from typing import Any, Dict, Mapping, Optional, Sequence, Set, Tuple

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")  # cron numbering: 0 = Sunday
DAY_LABELS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")

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

# (lowest, highest) of minute, hour, day of month, month, day of week (7 is Sunday too).
_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
_NAMES: Tuple[Dict[str, int], ...] = (
    {},
    {},
    {},
    {name: i + 1 for i, name in enumerate(MONTHS)},
    {name: i for i, name in enumerate(DAYS)},
)
_UNITS = ((604800, "week", "weekly"), (86400, "day", "daily"), (3600, "hour", "hourly"),
          (60, "minute", "every minute"), (1, "second", "every second"))
DURATION_SECONDS: Dict[str, float] = {
    "weeks": 604800, "days": 86400, "hours": 3600, "minutes": 60, "seconds": 1,
    "milliseconds": 0.001, "microseconds": 0.000001,
}


# ---- cron fields -------------------------------------------------------------------------
def parse_field(
    text: str, index: int, names: Optional[Mapping[str, int]] = None, bounds: Optional[Tuple[int, int]] = None
) -> Optional[Set[int]]:
    """Expand one cron field ("*/15", "1-5", "mon-fri", "0,30") to its numbers; None if unreadable.

    ``index`` is the field's place in a cron line (0 minute .. 4 weekday); ``names`` and
    ``bounds`` override the cron spelling for dialects that number weekdays from Monday.
    """
    lo, hi = bounds or _RANGES[index]
    names = _NAMES[index] if names is None else names
    found: Set[int] = set()
    for token in str(text).strip().lower().split(","):
        base, _, step_text = token.partition("/")
        if step_text and not step_text.isdigit():
            return None
        step = int(step_text) if step_text else 1
        if step < 1:
            return None
        if base in ("*", "?"):
            start, stop = lo, hi
        else:
            first, dash, last = base.partition("-")
            start, stop = _number(first, names), _number(last, names) if dash else None
            if start is None or (dash and stop is None):
                return None
            if stop is None:
                stop = hi if step_text else start
        if start is None or stop is None or not (lo <= start <= hi and lo <= stop <= hi) or start > stop:
            return None
        found.update(range(start, stop + 1, step))
    if index == 4 and bounds is None and 7 in found:
        found = (found - {7}) | {0}
    return found


def _number(token: str, names: Mapping[str, int]) -> Optional[int]:
    token = token.strip()
    if token.isdigit():
        return int(token)
    return names.get(token[:3]) if len(token) >= 3 and token[:3] in names and token.isalpha() else None


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


def describe_fields(fields: Sequence[Any], weekday_names: Optional[Mapping[str, int]] = None) -> Optional[str]:
    """Words for five cron fields given as text (minute hour day month weekday); None if unclear."""
    sets = []
    for index, field in enumerate(fields):
        names = weekday_names if index == 4 else None
        parsed = parse_field(_field_text(field), index, names)
        if parsed is None:
            return None
        sets.append(parsed)
    return describe_sets(*sets)


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


def _dialect(values: Mapping[str, Any], keys: Sequence[str], weekday_names: Optional[Mapping[str, int]] = None) -> str:
    fields = [_field_text(values.get(key, "*")) for key in keys]
    return describe_fields(fields, weekday_names) or f"cron '{' '.join(fields)}'"


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
    second = parse_field(_field_text(fields["second"]), 0)
    cron = [fields["minute"], fields["hour"], fields["day"], fields["month"], weekday]
    if second is None:
        return display
    if second != {0}:
        step = _cyclic(second, 60)
        rest = [parse_field(_field_text(v), i) for i, v in enumerate(cron[:4])]
        full = all(r is not None and len(r) == _RANGES[i][1] - _RANGES[i][0] + 1 for i, r in enumerate(rest))
        if step and full and weekday == "*":
            return interval(step)
        return display
    return describe_fields(cron) or display


def arq_cron(values: Mapping[str, Any]) -> str:
    """``arq.cron(fn, **values)``: a missing field (None) is every value; ``second`` defaults to 0."""
    fields = [values.get(k) for k in ("minute", "hour", "day", "month")]
    weekday = _monday_first(values.get("weekday"))
    display = f"cron '{' '.join(_field_text(f) for f in fields)} {_field_text(values.get('weekday'))}'"
    if weekday is None or values.get("second", 0) not in (0, [0]):
        return display
    return describe_fields([*fields, weekday]) or display


def _monday_first(value: Any) -> Optional[str]:
    """A Monday-first weekday field rewritten in cron numbering (Sunday = 0)."""
    text = _field_text(value)
    if text in ("*", "?"):
        return "*"
    monday_first = parse_field(text, 4, _MONDAY_FIRST, (0, 6))
    if monday_first is None:
        return None
    return ",".join(str((d + 1) % 7) for d in sorted(monday_first))


def clock(text: str) -> Optional[str]:
    """"2:00" -> "02:00", "10:30:00" -> "10:30", ":15" -> ":15"; None when not a time."""
    found = re.match(r"^\s*(\d{1,2})?:(\d{2})(?::(\d{2}))?\s*$", text)
    if not found:
        return None
    hours, minutes, seconds = found.groups()
    head = f"{int(hours):02d}:{minutes}" if hours is not None else f":{minutes}"
    return head if seconds in (None, "00") else f"{head}:{seconds}"
