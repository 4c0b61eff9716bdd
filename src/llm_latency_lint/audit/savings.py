"""The money arithmetic of the audit, kept apart from where the numbers come from.

savings = eligible spend x batch discount; after = before x (1 - eligible share x discount).
With one discount for every site the two are the same formula; with several providers the
saving is summed per site. Near-real-time sites are "audit monthly" candidates: their
potential is reported on its own line and never counted as savings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Protocol, Sequence

from llm_latency_lint.model import LatencyClass

SCHEDULED, NEAR_REAL_TIME = LatencyClass.SCHEDULED.value, LatencyClass.NEAR_REAL_TIME.value


def batch_saving(eligible_spend: float, discount: float) -> float:
    """What moving ``eligible_spend`` to a batch API at ``discount`` saves, per the same period."""
    return eligible_spend * discount


def spend_after(before: float, eligible_share: float, discount: float) -> float:
    """Spend after moving ``eligible_share`` of ``before`` to batch at ``discount``."""
    return before * (1 - eligible_share * discount)


class Priced(Protocol):
    """What the arithmetic needs from one call site (``inventory.Row`` has it)."""

    @property
    def latency_class(self) -> str: ...

    eligible: bool
    candidate: bool
    online: bool
    spend: Optional[float]

    @property
    def rate(self) -> float: ...


def _saving(row: Priced) -> float:
    """Measured (standard - batch price of the traced requests) when known, else spend x discount."""
    measured = getattr(row, "batch_spend", None)
    if measured is not None and row.spend is not None:
        return max(row.spend - measured, 0.0)
    return batch_saving(row.spend or 0.0, row.rate)


def site_saving(row: Priced) -> float:
    return _saving(row) if row.eligible and row.spend else 0.0


def site_potential(row: Priced) -> float:
    return _saving(row) if row.candidate and row.spend else 0.0


@dataclass
class ClassTotal:
    sites: int = 0
    before: float = 0.0
    after: float = 0.0


@dataclass
class Savings:
    """Totals for one audit; dollar figures are monthly USD and None when nothing is priced."""

    total_sites: int
    eligible_sites: int
    candidate_sites: int
    by_class: Dict[str, ClassTotal]
    priced: bool = False
    source: str = ""  # where spend came from: "config", "usage <file>"
    before: Optional[float] = None
    after: Optional[float] = None
    saved: Optional[float] = None
    eligible_spend: Optional[float] = None
    audit_potential: Optional[float] = None  # near-real-time candidates, not counted
    unpriced_sites: int = 0  # online sites no spend was attributed to
    assumptions: List[str] = field(default_factory=list)
    missing: str = ""  # what input would give dollars, when none was given

    @property
    def eligible_site_share(self) -> float:
        return self.eligible_sites / self.total_sites if self.total_sites else 0.0

    @property
    def eligible_spend_share(self) -> Optional[float]:
        if not self.priced or not self.before:
            return None
        return (self.eligible_spend or 0.0) / self.before


MISSING = (
    "no spend data: add [tool.llm-latency-lint.spend] to pyproject.toml (monthly-usd, or "
    "calls-per-month x usd-per-call, by path, provider, operation or model), or pass "
    "--usage FILE with an OpenAI or Anthropic cost export, to see dollars"
)


def total(rows: Sequence[Priced], source: str = "", assumptions: Sequence[str] = ()) -> Savings:
    order = [c.value for c in LatencyClass]
    by_class = {c: ClassTotal() for c in order}
    for row in rows:
        by_class[row.latency_class].sites += 1
    result = Savings(
        total_sites=len(rows),
        eligible_sites=sum(1 for r in rows if r.eligible),
        candidate_sites=sum(1 for r in rows if r.candidate),
        by_class={c: t for c, t in by_class.items() if t.sites},
        assumptions=list(assumptions),
    )
    priced = [r for r in rows if r.spend is not None]
    if not priced:
        if source == "traces":
            result.missing = ("no traced request joined to a call site could be priced: install the prices extra "
                              "(Python 3.11+) or add [tool.llm-latency-lint.prices] (see the assumptions)")
        else:
            result.missing = f"the spend from {source} matched no call site (see the assumptions)" if source else MISSING
        return result
    for row in priced:
        spend = row.spend or 0.0
        bucket = result.by_class[row.latency_class]
        bucket.before += spend
        bucket.after += spend - site_saving(row)
    result.priced = True
    result.source = source
    result.before = sum(r.spend or 0.0 for r in priced)
    result.saved = sum(site_saving(r) for r in priced)
    result.after = result.before - result.saved
    result.eligible_spend = sum(r.spend or 0.0 for r in priced if r.eligible)
    result.audit_potential = sum(site_potential(r) for r in priced)
    result.unpriced_sites = sum(1 for r in rows if r.online and r.spend is None)
    return result
