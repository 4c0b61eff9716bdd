"""Engine objects -> report models (shared by the JSON and text reporters)."""
from __future__ import annotations

from collections import Counter
from typing import Dict, List

from ..classify import ClassifiedSite, Evidence
from ..engine import Finding, Result
from ..model import LatencyClass
from ..report import AuditOut, CallSiteOut, CheckOut, ErrorOut, EvidenceOut, FindingOut, SummaryOut


def evidence(chain: List[Evidence]) -> List[EvidenceOut]:
    return [EvidenceOut(path=e.path, line=e.line, note=e.note, schedule=e.schedule) for e in chain]


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


def finding(f: Finding) -> FindingOut:
    rs = f.site.resolved if f.site is not None else None
    return FindingOut(
        code=f.code,
        message=f.message,
        path=f.path,
        line=f.line,
        column=f.col,
        end_line=f.end_line,
        end_column=f.end_col,
        provider=rs.match.provider.id if rs else None,
        operation=rs.match.operation if rs else None,
        latency_class=f.site.latency_class if f.site is not None else None,
        evidence=evidence(f.evidence),
    )


def by_class(result: Result) -> Dict[str, int]:
    counts = Counter(s.latency_class for s in result.sites)
    order = [c.value for c in LatencyClass]
    return {c: counts[c] for c in order if counts[c]}


def errors(result: Result) -> List[ErrorOut]:
    return [ErrorOut(path=e.path, message=e.message) for e in result.errors]


def audit(result: Result) -> AuditOut:
    return AuditOut(
        call_sites=[call_site(s) for s in result.sites],
        summary=SummaryOut(by_class=by_class(result)),
        errors=errors(result),
    )


def check(result: Result) -> CheckOut:
    return CheckOut(findings=[finding(f) for f in result.findings], errors=errors(result))
