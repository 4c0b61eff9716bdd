"""Report models: the stable ``audit --format json`` schema (version 1) and ``check`` JSON.

Other tools consume these; fields are only ever added, never renamed or removed.
"""
from __future__ import annotations

from typing import Dict, List, Optional

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EvidenceOut(_Model):
    path: str
    line: int
    note: str
    schedule: Optional[str] = None


class SiteTrafficOut(_Model):
    """What a site's traced requests say (``audit --traces``); monthly figures scaled from the export."""

    requests: int  # in the export
    requests_per_month: float
    input_tokens_per_month: float
    output_tokens_per_month: float
    monthly_usd: Optional[float] = None  # tokens x standard price
    monthly_batch_usd: Optional[float] = None  # the same requests at batch prices
    priced_requests: int
    no_human_requests_per_month: float
    joined_by: Dict[str, int]  # "code location", "code location (line moved)", "function name", "provider+model"
    hour_of_week: List[int]  # 168 request counts in the export, Monday 00:00 first (summary.traffic.time_zone)
    pattern: str  # bursts, diurnal, round-the-clock, irregular, sparse
    pattern_text: str
    verdict: str  # confirms, contradicts, suggests, undetermined
    verdict_text: str
    flagged: bool  # traffic contradicts the code's class: review
    matched_schedule: Optional[str] = None


class CallSiteOut(_Model):
    path: str
    line: int
    column: int
    provider: str
    operation: str
    latency_class: str
    evidence: List[EvidenceOut]
    # Added with the savings model (all optional, so older readers are unaffected):
    model: Optional[str] = None  # model= literal or module constant
    trigger: Optional[str] = None  # recogniser id of the trigger that decides the class
    frequency: Optional[str] = None  # that trigger's schedule in words ("daily 02:00")
    batch_eligible: Optional[bool] = None  # scheduled and the provider's batch API takes it
    monthly_usd: Optional[float] = None  # attributed spend, when spend data was given
    monthly_savings_usd: Optional[float] = None  # moving it to batch saves this
    # Added with audit --traces:
    traffic: Optional[SiteTrafficOut] = None


class ClassMoneyOut(_Model):
    sites: int
    before_usd: Optional[float] = None
    after_usd: Optional[float] = None


class DiscountOut(_Model):
    rate: float
    source: str
    checked: str
    verified: bool
    overridden: bool
    note: str


class SavingsOut(_Model):
    """Monthly USD figures; absent (with ``missing_input``) when no spend data was given."""

    currency: str = "USD"
    period: str = "month"
    priced: bool
    spend_source: Optional[str] = None  # "config" or "usage <file>"
    total_sites: int
    eligible_sites: int
    eligible_site_share: float
    audit_candidate_sites: int  # near-real-time: audit monthly, not counted as savings
    before_usd: Optional[float] = None
    after_usd: Optional[float] = None
    saved_usd: Optional[float] = None
    eligible_spend_share: Optional[float] = None
    audit_candidates_usd: Optional[float] = None  # their potential, not counted
    unpriced_sites: Optional[int] = None
    by_class: Dict[str, ClassMoneyOut]
    discounts: Dict[str, DiscountOut]
    assumptions: List[str]
    missing_input: Optional[str] = None


class TraceFileOut(_Model):
    source: str
    format: str
    llm_requests: int
    other_records: int  # not LLM requests, left out


class UnjoinedOut(_Model):
    reason: str
    requests: int
    first: str


class TrafficOut(_Model):
    """``audit --traces``: the measured totals (monthly figures scaled from the export window)."""

    price_data: str  # which price table, its version and date
    files: List[TraceFileOut]
    window_start: Optional[str] = None  # ISO 8601 UTC
    window_end: Optional[str] = None
    window_days: Optional[float] = None
    sample_rate: float = 1.0
    time_zone: str = "UTC"  # hour_of_week and the schedules are read in it
    traced_requests: int
    joined_requests: int
    requests_per_month: float
    monthly_usd: Optional[float] = None
    no_human_requests_per_month: float
    no_human_request_share: Optional[float] = None
    no_human_monthly_usd: Optional[float] = None
    no_human_spend_share: Optional[float] = None
    batch_saving_monthly_usd: Optional[float] = None
    flagged_sites: List[str]  # "path:line" whose traffic contradicts the code
    unjoined: List[UnjoinedOut]
    unpriced: List[str]


class SummaryOut(_Model):
    by_class: Dict[str, int]
    savings: Optional[SavingsOut] = None
    traffic: Optional[TrafficOut] = None  # added with audit --traces


class ErrorOut(_Model):
    path: str
    message: str


class AuditOut(_Model):
    version: int = 1
    # The project root (absolute, POSIX): every ``path`` here is relative to it. Added in version 1.
    root: Optional[str] = None
    call_sites: List[CallSiteOut]
    summary: SummaryOut
    errors: List[ErrorOut]


class FindingOut(_Model):
    code: str
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    # Absent only for findings about comments rather than call sites (LLM100).
    provider: Optional[str] = None
    operation: Optional[str] = None
    latency_class: Optional[str] = None
    evidence: List[EvidenceOut]
    # Added with notebooks: the cell (counting every cell from 1) of a finding in an .ipynb file;
    # line, column, end_line and end_column are then inside that cell.
    cell: Optional[int] = None


class FixOutcomeOut(_Model):
    """One fix under ``--show-fixes``, as the text list shows it: applied, skipped or available."""

    path: str
    line: int  # in the file as it is after the run (``--fix`` wrote it), like the text list
    column: int
    code: str
    status: str  # applied | skipped | available
    reason: str  # what was done and its ``[mode: ...; why: ...]``, or why not


class CheckOut(_Model):
    version: int = 1
    findings: List[FindingOut]
    errors: List[ErrorOut]
    # Added with ``check --format json --show-fixes`` (absent otherwise): every fix's outcome.
    fixes: Optional[List[FixOutcomeOut]] = None
