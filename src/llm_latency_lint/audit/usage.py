"""``audit --usage FILE``: spend per model from a provider cost export (CSV).

Layouts read (see docs/audit.md for the sources and what each column means):

- ``openai-costs``: rows of OpenAI's Costs API (``GET /v1/organization/costs``,
  ``group_by=line_item``) written one result per row: ``start_time``, ``end_time`` (Unix
  seconds), ``amount.value`` (or ``amount_value``, USD), ``amount.currency``, ``line_item``,
  ``project_id``. The model is the ``line_item`` up to its first comma.
- ``anthropic-cost-report``: rows of Anthropic's Cost Report (``GET
  /v1/organizations/cost_report``, ``group_by[]=description``): ``starting_at``,
  ``ending_at`` (RFC 3339), ``amount`` (lowest currency units: cents, as a decimal string),
  ``currency``, ``model``, ``service_tier``, ``cost_type``, ``token_type``, ... Rows already on
  the ``batch`` tier are left out: that spend has its discount.
- ``generic``: ``model``, ``cost_usd`` and optionally ``date`` (ISO), for anything else.

The dashboards' own CSV downloads have no published column layout; they are read only when
their header happens to match one of these.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Tuple

from llm_latency_lint.config import DAYS_PER_MONTH


class UsageError(Exception):
    """The file cannot be read as a usage export: the message says why and what is supported."""


@dataclass
class Usage:
    layout: str
    source: str  # the file name, for reports
    by_model: Dict[str, float]  # model key -> monthly USD
    models: Dict[str, str] = field(default_factory=dict)  # model key -> a name as written in the file
    assumptions: List[str] = field(default_factory=list)


_DATE_SUFFIX = re.compile(r"-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$")


def model_key(name: str) -> str:
    """One key for a model however it is written: no snapshot date, no case, no line-item tail.

    ``gpt-4o-mini-2024-07-18, input`` and ``gpt-4o-mini`` share a key;
    ``claude-sonnet-4-5-20250929`` and ``claude-sonnet-4-5`` too.
    """
    text = name.split(",", 1)[0].strip().lower()
    text = text.rsplit("/", 1)[-1]  # "models/gemini-2.5-flash", "openai/gpt-4o"
    return _DATE_SUFFIX.sub("", text)


@dataclass(frozen=True)
class _Layout:
    name: str
    needs: Tuple[Tuple[str, ...], ...]  # each tuple: any one of these columns
    model: Tuple[str, ...]
    amount: Tuple[str, ...]
    amount_scale: float  # multiply the amount to get USD
    start: Tuple[str, ...] = ()
    end: Tuple[str, ...] = ()
    currency: Tuple[str, ...] = ()
    skip: Tuple[Tuple[str, str], ...] = ()  # (column, value) rows to leave out


LAYOUTS = (
    _Layout(
        "openai-costs",
        needs=(("line_item",), ("amount.value", "amount_value")),
        model=("line_item",),
        amount=("amount.value", "amount_value"),
        amount_scale=1.0,
        start=("start_time",),
        end=("end_time",),
        currency=("amount.currency", "amount_currency"),
    ),
    _Layout(
        "anthropic-cost-report",
        needs=(("amount",), ("model",), ("starting_at", "service_tier", "cost_type", "token_type")),
        model=("model",),
        amount=("amount",),
        amount_scale=0.01,
        start=("starting_at",),
        end=("ending_at",),
        currency=("currency",),
        skip=(("service_tier", "batch"),),
    ),
    _Layout("generic", needs=(("model",), ("cost_usd",)), model=("model",), amount=("cost_usd",),
            amount_scale=1.0, start=("date",), end=("date",)),
)


def _pick(header: Iterable[str], names: Tuple[str, ...]) -> Optional[str]:
    present = set(header)
    return next((n for n in names if n in present), None)


def detect(header: List[str]) -> _Layout:
    for layout in LAYOUTS:
        if all(_pick(header, group) for group in layout.needs):
            return layout
    supported = "; ".join(
        f"{layout.name}: " + " + ".join("/".join(group) for group in layout.needs) for layout in LAYOUTS
    )
    raise UsageError(f"unrecognised columns {', '.join(header) or '(none)'}; supported layouts: {supported}")


def _time(value: str) -> Optional[datetime]:
    value = value.strip()
    if not value:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return datetime.fromtimestamp(float(value), tz=timezone.utc)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _number(value: str, where: str) -> float:
    try:
        return float(value.strip() or 0)
    except ValueError:
        raise UsageError(f"{where}: {value!r} is not a number") from None


def read(path: Path) -> Usage:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None
    return parse(text, path.name)


def parse(text: str, source: str) -> Usage:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    layout = detect(header)
    model_col, amount_col = _pick(header, layout.model), _pick(header, layout.amount)
    start_col, end_col = _pick(header, layout.start), _pick(header, layout.end)
    currency_col = _pick(header, layout.currency)
    totals: Dict[str, float] = {}
    names: Dict[str, str] = {}
    starts: List[datetime] = []
    ends: List[datetime] = []
    skipped = 0.0
    unnamed = 0.0
    try:
        for index, row in enumerate(reader, start=2):
            where = f"{source}:{index}"
            cells: Mapping[str, str] = {k: (v or "") for k, v in row.items() if k is not None}
            amount = _number(cells.get(amount_col or "", ""), where) * layout.amount_scale
            currency = cells.get(currency_col, "").strip().upper() if currency_col else ""
            if currency and currency != "USD":
                raise UsageError(f"{where}: currency {currency!r}; only USD is read")
            for column, value in ((start_col, starts), (end_col, ends)):
                moment = _time(cells.get(column, "")) if column else None
                if moment:
                    value.append(moment)
            if any(cells.get(col, "").strip().lower() == val for col, val in layout.skip):
                skipped += amount
                continue
            name = cells.get(model_col or "", "").strip()
            if not name:
                unnamed += amount
                continue
            key = model_key(name)
            totals[key] = totals.get(key, 0.0) + amount
            names.setdefault(key, name.split(",", 1)[0].strip())
    except csv.Error as exc:
        raise UsageError(f"{source}: malformed CSV: {exc}") from None
    if not totals and not skipped and not unnamed:
        raise UsageError(f"{source}: no cost rows")
    factor, period = _monthly_factor(starts, ends, layout.name == "generic")
    assumptions = [f"{source} ({layout.name} layout): {period}"]
    if skipped:
        assumptions.append(f"${skipped:,.2f} already on the batch tier left out")
    if unnamed:
        assumptions.append(f"${unnamed * factor:,.2f}/month in rows without a model left out")
    return Usage(layout.name, source, {k: v * factor for k, v in totals.items()}, names, assumptions)


def _monthly_factor(starts: List[datetime], ends: List[datetime], day_rows: bool) -> Tuple[float, str]:
    if not starts:
        return 1.0, "no dates in the file, read as one month of spend"
    first, last = min(starts), max(ends or starts)
    seconds = (last - first).total_seconds() + (86400 if day_rows else 0)
    days = seconds / 86400
    if days < 1:
        return 1.0, f"covers under a day ({first:%Y-%m-%d}), read as one month of spend"
    span = f"{first:%Y-%m-%d} to {last:%Y-%m-%d} ({days:g} days)"
    return DAYS_PER_MONTH / days, f"{span}, scaled to a {DAYS_PER_MONTH}-day month"
