"""Engine objects -> report models (shared by the JSON and text reporters)."""
from __future__ import annotations

from collections import Counter
from typing import Callable, Dict, List, Mapping, Optional

from llm_latency_lint.audit.inventory import Audit, Row
from llm_latency_lint.files.locations import here
from llm_latency_lint.files.notebook import cell_position, is_notebook
from llm_latency_lint.model import LatencyClass
from llm_latency_lint.project.classify import ClassifiedSite, Evidence
from llm_latency_lint.reporters.schema import (
    AuditOut,
    CallSiteOut,
    CheckOut,
    ClassMoneyOut,
    DiscountOut,
    ErrorOut,
    EvidenceOut,
    FindingOut,
    SavingsOut,
    SiteTrafficOut,
    SummaryOut,
    TraceFileOut,
    TrafficOut,
    UnjoinedOut,
)
from llm_latency_lint.result import Finding, Result

Place = Callable[[str], str]  # a root-relative path as a report prints it


def _same(path: str) -> str:
    return path


def evidence(chain: List[Evidence], place: Place = _same) -> List[EvidenceOut]:
    return [EvidenceOut(path=place(e.path), line=e.line, note=e.note, schedule=e.schedule) for e in chain]


def call_site(site: ClassifiedSite) -> CallSiteOut:
    rs = site.resolved
    return CallSiteOut(
        path=rs.facts.path,
        line=rs.site.line,
        column=rs.site.col,
        provider=rs.match.provider.id,
        operation=rs.match.operation,
        latency_class=site.latency_class,
        evidence=evidence(site.evidence),
    )


def finding(f: Finding, texts: Optional[Mapping[str, str]] = None, place: Place = _same) -> FindingOut:
    rs = f.site.resolved if f.site is not None else None
    line, end_line, cell = f.line, f.end_line, None
    if texts is not None and is_notebook(f.path) and f.path in texts:  # lines inside the cell
        start, end = cell_position(texts[f.path], f.line), cell_position(texts[f.path], f.end_line)
        if start is not None and end is not None and start[0] == end[0]:
            cell, line, end_line = start[0], start[1], end[1]
    return FindingOut(
        code=f.code,
        message=f.message,
        path=place(f.path),
        line=line,
        column=f.col,
        end_line=end_line,
        end_column=f.end_col,
        cell=cell,
        provider=rs.match.provider.id if rs else None,
        operation=rs.match.operation if rs else None,
        latency_class=f.site.latency_class if f.site is not None else None,
        evidence=evidence(f.evidence, place),
    )


def by_class(result: Result) -> Dict[str, int]:
    counts = Counter(s.latency_class for s in result.sites)
    order = [c.value for c in LatencyClass]
    return {c: counts[c] for c in order if counts[c]}


def errors(result: Result, place: Place = _same) -> List[ErrorOut]:
    return [ErrorOut(path=place(e.path), message=e.message) for e in result.errors]


def _cents(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 2)


def audit_site(row: Row, priced: bool) -> CallSiteOut:
    out = call_site(row.site)
    out.model = row.model
    out.trigger = row.trigger
    out.frequency = row.frequency
    out.batch_eligible = row.eligible
    if priced and row.spend is not None:
        out.monthly_usd = _cents(row.spend)
        out.monthly_savings_usd = _cents(row.saving)
    if row.traffic is not None:
        out.traffic = site_traffic(row)
    return out


def _n(value: Optional[float]) -> float:
    return round(value or 0.0, 1)


def site_traffic(row: Row) -> SiteTrafficOut:
    t = row.traffic
    assert t is not None
    return SiteTrafficOut(
        requests=t.requests,
        requests_per_month=_n(t.monthly(t.requests)),
        input_tokens_per_month=_n(t.monthly(t.input_tokens)),
        output_tokens_per_month=_n(t.monthly(t.output_tokens)),
        monthly_usd=_cents(t.monthly(t.spend)),
        monthly_batch_usd=_cents(t.monthly(t.batch_spend)),
        priced_requests=t.priced,
        no_human_requests_per_month=_n(t.monthly(t.no_human)),
        joined_by=dict(t.joined_by),
        hour_of_week=list(t.hours),
        pattern=t.profile.pattern,
        pattern_text=t.profile.text,
        verdict=t.verdict.verdict,
        verdict_text=t.verdict.text,
        flagged=t.verdict.flagged,
        matched_schedule=t.verdict.schedule,
    )


def traffic(inv: Audit) -> Optional[TrafficOut]:
    t = inv.traffic
    if t is None:
        return None
    share = t.no_human_spend_share
    return TrafficOut(
        price_data=t.price_data,
        files=[TraceFileOut(source=f.source, format=f.format, llm_requests=f.spans, other_records=f.other)
               for f in t.files],
        window_start=t.window.first.isoformat() if t.window else None,
        window_end=t.window.last.isoformat() if t.window else None,
        window_days=round(t.window.days, 2) if t.window else None,
        sample_rate=t.sample_rate,
        time_zone=t.tz,
        traced_requests=t.total_spans,
        joined_requests=t.requests,
        requests_per_month=_n(t.monthly(t.requests)),
        monthly_usd=_cents(t.monthly(t.spend)),
        no_human_requests_per_month=_n(t.monthly(t.no_human)),
        no_human_request_share=None if t.no_human_request_share is None else round(t.no_human_request_share, 4),
        no_human_monthly_usd=_cents(t.monthly(t.no_human_spend)) if t.spend is not None else None,
        no_human_spend_share=None if share is None else round(share, 4),
        batch_saving_monthly_usd=_cents(t.monthly(t.batch_saving)) if t.spend is not None else None,
        flagged_sites=[f"{inv.rows[i].path}:{inv.rows[i].line}" for i in t.flagged],
        unjoined=[UnjoinedOut(reason=u.reason, requests=u.count, first=u.example) for u in t.unjoined],
        unpriced=t.unpriced,
    )


def savings(inv: Audit) -> SavingsOut:
    s = inv.savings
    share = s.eligible_spend_share
    return SavingsOut(
        priced=s.priced,
        spend_source=s.source or None,
        total_sites=s.total_sites,
        eligible_sites=s.eligible_sites,
        eligible_site_share=round(s.eligible_site_share, 4),
        audit_candidate_sites=s.candidate_sites,
        before_usd=_cents(s.before),
        after_usd=_cents(s.after),
        saved_usd=_cents(s.saved),
        eligible_spend_share=None if share is None else round(share, 4),
        audit_candidates_usd=_cents(s.audit_potential),
        unpriced_sites=s.unpriced_sites if s.priced else None,
        by_class={
            cls: ClassMoneyOut(
                sites=t.sites,
                before_usd=_cents(t.before) if s.priced else None,
                after_usd=_cents(t.after) if s.priced else None,
            )
            for cls, t in s.by_class.items()
        },
        discounts={
            p: DiscountOut(rate=d.rate, source=d.source, checked=d.checked, verified=d.verified,
                           overridden=d.overridden, note=d.note)
            for p, d in inv.discounts.items()
        },
        assumptions=s.assumptions,
        missing_input=s.missing or None,
    )


def audit(inv: Audit) -> AuditOut:
    """Paths stay relative to the project root (the schema's contract), which ``root`` names."""
    return AuditOut(
        root=inv.result.root.resolve().as_posix(),
        call_sites=[audit_site(r, inv.savings.priced) for r in inv.rows],
        summary=SummaryOut(by_class=by_class(inv.result), savings=savings(inv), traffic=traffic(inv)),
        errors=errors(inv.result),
    )


def check(result: Result) -> CheckOut:
    """Paths relative to the current directory (absolute outside it), as the text report prints them."""
    place = here(result.root)
    return CheckOut(findings=[finding(f, result.texts, place) for f in result.findings], errors=errors(result, place))
