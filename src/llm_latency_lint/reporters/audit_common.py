"""Words and numbers every audit format prints the same way (text, markdown, html)."""
from __future__ import annotations

from typing import Dict, List, Optional

from llm_latency_lint.audit.inventory import Audit, Row
from llm_latency_lint.model import LatencyClass
from llm_latency_lint.rules.messages import percent

CLASSES = [c.value for c in LatencyClass]

ADVICE: Dict[str, str] = {
    "scheduled": "migrate to batch now",
    "near-real-time": "audit monthly: is minutes-to-hours fine?",
    "mixed": "split the path",
    "real-time": "must stay online",
    "unknown": "no evidence found",
}


def usd(value: Optional[float]) -> str:
    return "" if value is None else f"${value:,.2f}"


def share(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "0%"


def rows_by_class(inv: Audit) -> Dict[str, List[Row]]:
    grouped: Dict[str, List[Row]] = {c: [] for c in CLASSES}
    for row in inv.rows:
        grouped[row.latency_class].append(row)
    return {c: rows for c, rows in grouped.items() if rows}


def when(row: Row) -> str:
    """Trigger and frequency in a few words: "celery-beat, daily 02:00"."""
    return ", ".join(p for p in (row.trigger, row.frequency) if p)


def headline(inv: Audit) -> str:
    s = inv.savings
    return (
        f"LLM call sites: {s.total_sites}; batch-eligible now: {s.eligible_sites} "
        f"({share(s.eligible_sites, s.total_sites)} of call sites)"
    )


def savings_lines(inv: Audit) -> List[str]:
    """The money in sentences; without spend data, the counts and what input would give dollars."""
    s = inv.savings
    if not s.priced:
        lines = [f"{s.eligible_sites} scheduled call site(s) can move to a batch API now"]
        if s.candidate_sites:
            lines.append(f"{s.candidate_sites} near-real-time call site(s) to audit monthly")
        return lines + [s.missing[0].upper() + s.missing[1:] + "."]
    eligible_share = s.eligible_spend_share or 0.0
    rates = sorted({percent(r.rate) for r in inv.rows if r.eligible and r.spend})
    rate = rates[0] if len(rates) == 1 else "each provider's discount"
    lines = [
        f"Spend {usd(s.before)}/month (from {s.source}); moving the {s.eligible_sites} batch-eligible call "
        f"site(s) to batch saves {usd(s.saved)}/month: {usd(s.before)} -> {usd(s.after)} "
        + ("(measured: each eligible request's standard price less its batch price)."
           if inv.traffic is not None else f"(after = before x (1 - {eligible_share:.0%} eligible x {rate})).")
    ]
    if s.candidate_sites:
        lines.append(
            f"Audit monthly: {s.candidate_sites} near-real-time call site(s) could save another "
            f"{usd(s.audit_potential)}/month if minutes-to-hours is fine (not counted above)."
        )
    if s.unpriced_sites:
        lines.append(f"{s.unpriced_sites} online call site(s) have no spend attributed.")
    return lines


def discount_lines(inv: Audit) -> List[str]:
    lines = []
    for provider, d in inv.discounts.items():
        flags = [x for x in ("unverified" if not d.verified else "", "set in config" if d.overridden else "") if x]
        where = f"{d.source}, read {d.checked}" if d.source else "no source"
        lines.append(f"{provider} {percent(d.rate)}" + (f" ({', '.join(flags)})" if flags else "") + f": {where}")
    return lines


# ---- audit --traces ---------------------------------------------------------------------------

VERDICT_MARK = {"confirms": "ok", "contradicts": "REVIEW", "suggests": "hint", "undetermined": "-"}


def count(value: Optional[float]) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if value >= 10 else f"{value:,.1f}".rstrip("0").rstrip(".")


def joined_by(row: Row) -> str:
    t = row.traffic
    return ", ".join(f"{mode} x{n}" for mode, n in sorted(t.joined_by.items(), key=lambda kv: -kv[1])) if t else ""


def traffic_headline(inv: Audit) -> Optional[str]:
    """The measured number that matters: requests and spend with nobody waiting."""
    t = inv.traffic
    if t is None:
        return None
    if not t.requests:
        return "Traffic: no traced request joined a call site."
    req = t.no_human_request_share or 0.0
    spend = f", {t.no_human_spend_share:.0%} of traced spend" if t.no_human_spend_share is not None else ""
    return (f"Measured from traces: {req:.0%} of requests{spend} have no human waiting "
            f"({count(t.monthly(t.no_human))} of {count(t.monthly(t.requests))} requests/month).")


def traffic_lines(inv: Audit) -> List[str]:
    t = inv.traffic
    if t is None:
        return []
    lines = [f"Price data: {t.price_data}."]
    if t.window:
        lines.append(f"Window: {t.window.text}; {t.total_spans} traced LLM request(s), {t.requests} joined; "
                     f"hours read in {t.tz}.")
    if t.spend is not None:
        lines.append(f"Traced spend {usd(t.monthly(t.spend))}/month; the requests with no human waiting cost "
                     f"{usd(t.monthly(t.no_human_spend))}/month, {usd(t.monthly(t.batch_saving))}/month less at "
                     "batch prices where the provider's batch API takes them.")
    for index in t.flagged:
        row = inv.rows[index]
        lines.append(f"REVIEW {row.path}:{row.line} ({row.latency_class} in code): {row.traffic.verdict.text}"
                     if row.traffic else "")
    return [line for line in lines if line]


def unjoined_lines(inv: Audit) -> List[str]:
    t = inv.traffic
    if t is None:
        return []
    return [f"{u.count} request(s): {u.reason} (first: {u.example})" for u in t.unjoined]


def traffic_rows(inv: Audit) -> List[Row]:
    return [r for r in inv.rows if r.traffic is not None]


def traffic_cells(row: Row) -> List[str]:
    """site, class, joined by, requests/month, tokens/month, $/month, batch $/month, pattern, verdict."""
    t = row.traffic
    assert t is not None
    return [
        f"{row.path}:{row.line}", row.latency_class, joined_by(row), count(t.monthly(t.requests)),
        count(t.monthly(t.input_tokens + t.output_tokens)), usd(t.monthly(t.spend)), usd(t.monthly(t.batch_spend)),
        t.profile.pattern, f"{VERDICT_MARK[t.verdict.verdict]}: {t.verdict.text}",
    ]


TRAFFIC_HEADER = ["call site", "class", "joined by", "requests/mo", "tokens/mo", "$/month", "batch $/mo", "traffic",
                  "verdict"]
