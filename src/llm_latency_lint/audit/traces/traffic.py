"""What the arrival times of a site's requests say about who is waiting for them.

Per site: requests, tokens and spend per month (the export's window scaled to a 30-day month),
and the hour-of-week profile (168 hourly counts, Monday 00:00 first, in the schedules' time zone:
UTC unless ``--traces-tz`` names another). The profile is read
as one of:

- ``bursts``: at least 90% of the requests fall in two consecutive hours of the day (and, when
  they come on one weekday only, of the week): a job at a fixed time. When a schedule in the
  site's evidence (``daily 02:00``, ``weekly Mon 07:00``) starts in or just before the burst, the
  burst is matched to it.
- ``diurnal``: requests in at least 8 hours of the day, no two-hour window holding half of them,
  and the busiest 12 hours holding at least 70%: people, during their day.
- ``round-the-clock``: spread over the day without a daytime peak (machines, or a global user
  base: no verdict either way).
- ``irregular`` (none of those) and ``sparse`` (under 10 requests: too few to tell).

Against the class the code gives the site: bursts confirm ``scheduled`` and contradict
``real-time`` (flagged: a route nobody calls in the daytime is probably driven by a job); a
diurnal profile confirms ``real-time`` and contradicts ``scheduled`` (flagged: a job that runs
when people work may have someone waiting). A ``mixed`` site is confirmed when its traffic has
both a burst at its schedule and daytime requests.

**No human waiting, measured**: a request in a burst, or at a site whose class (not
contradicted by its traffic) is ``scheduled`` or ``near-real-time``, or in the scheduled window
of a ``mixed`` site, has nobody waiting. Requests at ``unknown`` sites without a burst are not
counted either way.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Dict, List, Optional, Sequence, Tuple

from llm_latency_lint.audit.traces.prices import Price
from llm_latency_lint.audit.traces.spans import Span

DAYS_PER_MONTH = 30
MIN_REQUESTS = 10
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SCHEDULED, NRT, RT, MIXED, UNKNOWN = "scheduled", "near-real-time", "real-time", "mixed", "unknown"

_SCHEDULE = re.compile(r"(?:\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*\s+)?(\d{1,2}):(\d{2})")


@dataclass(frozen=True)
class Schedule:
    text: str  # as the evidence words it: "weekly Mon 07:00"
    hour: int
    minute: int
    weekday: Optional[int] = None


def schedules(texts: Sequence[Optional[str]]) -> List[Schedule]:
    out: List[Schedule] = []
    for text in texts:
        if not text:
            continue
        for day, hour, minute in _SCHEDULE.findall(text):
            entry = Schedule(text, int(hour), int(minute), DAYS.index(day) if day else None)
            if entry not in out:
                out.append(entry)
    return out


def hour_of_week(moment: datetime) -> int:
    return moment.weekday() * 24 + moment.hour


@dataclass
class Profile:
    pattern: str  # bursts, diurnal, round-the-clock, irregular, sparse
    text: str  # in words, for the reports
    burst_hours: Tuple[int, ...] = ()  # hours of the day (UTC) the burst covers
    burst_weekday: Optional[int] = None
    peak_hour: Optional[int] = None


def profile(starts: Sequence[datetime], tz: str = "UTC") -> Profile:
    """``starts`` already in the time zone ``tz`` names (the schedules' zone)."""
    n = len(starts)
    if n < MIN_REQUESTS:
        return Profile("sparse", f"{n} request(s): too few to tell")
    by_hour = Counter(s.hour for s in starts)
    days = Counter(s.weekday() for s in starts)
    pairs = [(by_hour[h] + by_hour[(h + 1) % 24], h) for h in range(24)]
    best, first = max(pairs)
    peak = max(range(24), key=lambda h: (by_hour[h], -h))
    if best >= 0.9 * n:
        hours = tuple(h for h in (first, (first + 1) % 24) if by_hour[h])
        weekday = next(iter(days)) if len(days) == 1 and len({s.date() for s in starts}) > 1 else None
        when = f"{DAYS[weekday]} " if weekday is not None else ""
        span = f"{hours[0]:02d}:00-{hours[-1]:02d}:59"
        return Profile("bursts", f"{best / n:.0%} of requests {when}{span} {tz}", hours, weekday, peak)
    active = [h for h in range(24) if by_hour[h]]
    day12 = max(sum(by_hour[(h + k) % 24] for k in range(12)) for h in range(24))
    if len(active) >= 8 and best < 0.5 * n:
        if day12 >= 0.7 * n:
            return Profile("diurnal", f"{len(active)} hours of the day, {day12 / n:.0%} in the busiest 12, "
                                      f"peak {peak:02d}:00 {tz}", peak_hour=peak)
        return Profile("round-the-clock", f"{len(active)} hours of the day, no daytime peak", peak_hour=peak)
    return Profile("irregular", f"{len(active)} hours of the day, busiest two {best / n:.0%}", peak_hour=peak)


def _burst_matches(p: Profile, found: Sequence[Schedule]) -> Optional[Schedule]:
    for entry in found:
        if entry.weekday is not None and p.burst_weekday is not None and entry.weekday != p.burst_weekday:
            continue
        if entry.hour in p.burst_hours or (entry.hour + 1) % 24 in p.burst_hours and entry.minute >= 30:
            return entry
    return None


def _in_window(moment: datetime, found: Sequence[Schedule]) -> bool:
    """Within two hours after a schedule's start (on its weekday, for a weekly one)."""
    for entry in found:
        start = moment.replace(hour=entry.hour, minute=entry.minute, second=0, microsecond=0)
        for base in (start, start - timedelta(days=1)):
            if entry.weekday is not None and base.weekday() != entry.weekday:
                continue
            if base <= moment < base + timedelta(hours=2):
                return True
    return False


@dataclass
class Verdict:
    verdict: str  # confirms, contradicts, suggests, undetermined
    text: str
    flagged: bool = False
    schedule: Optional[str] = None  # the evidence's schedule the bursts match


def verdict(code_class: str, p: Profile, found: Sequence[Schedule], starts: Sequence[datetime]) -> Verdict:
    match = _burst_matches(p, found) if p.pattern == "bursts" else None
    at = f" (matches {match.text})" if match else ""
    if p.pattern == "sparse":
        return Verdict("undetermined", p.text)
    if code_class == SCHEDULED:
        if p.pattern == "bursts":
            return Verdict("confirms", f"scheduled: bursts at fixed times{at}", schedule=match.text if match else None)
        if p.pattern == "diurnal":
            return Verdict("contradicts", "code says scheduled, but requests follow the working day: someone may "
                                          "be waiting; review", flagged=True)
        return Verdict("undetermined", f"scheduled in code; traffic {p.pattern}")
    if code_class == RT:
        if p.pattern == "bursts":
            return Verdict("contradicts", f"code says real-time, but {p.text}: nobody waits at that hour; "
                                          "review (a job may drive this route)", flagged=True)
        if p.pattern == "diurnal":
            return Verdict("confirms", "real-time: a steady diurnal profile")
        return Verdict("undetermined", f"real-time in code; traffic {p.pattern}")
    if code_class == NRT:
        if p.pattern == "bursts":
            return Verdict("suggests", f"queued in code and {p.text}: batch-shaped traffic", schedule=None)
        return Verdict("confirms" if p.pattern == "diurnal" else "undetermined",
                       f"near-real-time: follows the requests that queue it ({p.pattern})")
    if code_class == MIXED:
        windowed = sum(1 for s in starts if _in_window(s, found)) if found else 0
        if found and 0 < windowed < len(starts):
            return Verdict("confirms", f"mixed: {windowed / len(starts):.0%} of requests in the scheduled window "
                                       f"({', '.join(sorted({f.text for f in found}))}), the rest during the day")
        if found and windowed == len(starts):
            return Verdict("contradicts", "code says mixed, but every request is in the scheduled window: the "
                                          "online path is unused; review", flagged=True)
        return Verdict("undetermined", f"mixed in code; traffic {p.pattern}")
    if p.pattern == "bursts":
        return Verdict("suggests", f"no class from the code; {p.text}: looks scheduled")
    if p.pattern == "diurnal":
        return Verdict("suggests", "no class from the code; a diurnal profile: looks interactive")
    return Verdict("undetermined", f"no class from the code; traffic {p.pattern}")


@dataclass
class SiteTraffic:
    requests: int  # in the export
    input_tokens: int
    output_tokens: int
    spend: Optional[float]  # USD in the export (standard price); None when nothing was priced
    batch_spend: Optional[float]
    priced: int  # requests with a price
    no_human: int  # requests with nobody waiting (see the module doc)
    no_human_spend: float
    no_human_batch_spend: float
    hours: List[int]  # 168 counts, Monday 00:00 UTC first
    profile: Profile
    verdict: Verdict
    joined_by: Dict[str, int] = field(default_factory=dict)
    factor: float = 1.0  # export window -> month

    def monthly(self, value: Optional[float]) -> Optional[float]:
        return None if value is None else value * self.factor


def no_human(code_class: str, v: Verdict, p: Profile, span: Span, found: Sequence[Schedule]) -> Optional[bool]:
    """True: nobody waits for this request; False: someone does; None: cannot tell."""
    if p.pattern == "bursts" and span.start.hour in p.burst_hours:
        return True
    if code_class == MIXED:
        return _in_window(span.start, found)
    if code_class in (SCHEDULED, NRT):
        return not (v.verdict == "contradicts")
    if code_class == RT:
        return False
    return None


def site(code_class: str, spans: Sequence[Span], prices: Sequence[Optional[Price]], schedule_texts: Sequence[Optional[str]],
         joined_by: Dict[str, int], factor: float, tz: str = "UTC") -> SiteTraffic:
    """``spans`` with their start times in ``tz``, the zone the schedules are read in."""
    found = schedules(schedule_texts)
    starts = [s.start for s in spans]
    p = profile(starts, tz)
    v = verdict(code_class, p, found, starts)
    hours = [0] * 168
    for s in starts:
        hours[hour_of_week(s)] += 1
    priced = [pr for pr in prices if pr is not None]
    nh = nh_spend = nh_batch = 0.0
    for span, price in zip(spans, prices):
        if no_human(code_class, v, p, span, found):
            nh += 1
            if price is not None:
                nh_spend += price.standard
                nh_batch += price.batch
    return SiteTraffic(
        requests=len(spans),
        input_tokens=sum(s.input_tokens or 0 for s in spans),
        output_tokens=sum(s.output_tokens or 0 for s in spans),
        spend=sum(pr.standard for pr in priced) if priced else None,
        batch_spend=sum(pr.batch for pr in priced) if priced else None,
        priced=len(priced),
        no_human=int(nh),
        no_human_spend=nh_spend,
        no_human_batch_spend=nh_batch,
        hours=hours,
        profile=p,
        verdict=v,
        joined_by=dict(joined_by),
        factor=factor,
    )


@dataclass
class Window:
    first: datetime
    last: datetime

    @property
    def days(self) -> float:
        return max((self.last - self.first).total_seconds() / 86400, 1.0)

    @property
    def factor(self) -> float:
        return DAYS_PER_MONTH / self.days

    @property
    def text(self) -> str:
        return f"{self.first:%Y-%m-%d %H:%M} to {self.last:%Y-%m-%d %H:%M} UTC ({self.days:.1f} days)"
