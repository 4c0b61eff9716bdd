"""The traces of one audit, end to end: join, price, read the traffic per site, and the totals.

Knows nothing of the inventory's rows: it takes the join ``Target`` of each site with its code
class and the schedules in its evidence, and returns per-site ``SiteTraffic`` and a ``Summary``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Sequence, Tuple

from llm_latency_lint.audit.traces import traffic
from llm_latency_lint.audit.traces.join import Joiner, Target
from llm_latency_lint.audit.traces.prices import PriceBook, describe_unpriced
from llm_latency_lint.audit.traces.read import FileSummary, Traces, zone


@dataclass(frozen=True)
class SiteInput:
    target: Target
    code_class: str
    schedules: Tuple[str, ...]  # schedules in words from the site's evidence
    batchable: bool  # an online request the provider's batch API takes


@dataclass
class Unjoined:
    reason: str
    count: int
    example: str  # the first span's source ("file: record N")


@dataclass
class Summary:
    window: Optional[traffic.Window]
    files: List[FileSummary]
    price_data: str
    factor: float  # export -> month
    sample_rate: float
    tz: str  # the zone hour-of-week profiles and schedules are read in
    requests: int  # joined, in the export
    spend: Optional[float]  # joined and priced, USD in the export
    no_human: int
    no_human_spend: float
    batch_saving: float  # no-human requests at batchable sites: standard - batch, in the export
    unjoined: List[Unjoined] = field(default_factory=list)
    unjoined_requests: int = 0
    unpriced: List[str] = field(default_factory=list)
    flagged: List[int] = field(default_factory=list)  # target indexes whose traffic contradicts the code

    @property
    def total_spans(self) -> int:
        return self.requests + self.unjoined_requests

    @property
    def no_human_request_share(self) -> Optional[float]:
        return self.no_human / self.requests if self.requests else None

    @property
    def no_human_spend_share(self) -> Optional[float]:
        return self.no_human_spend / self.spend if self.spend else None

    def monthly(self, value: Optional[float]) -> Optional[float]:
        return None if value is None else value * self.factor


def analyse(sites: Sequence[SiteInput], functions: Dict[str, Dict[str, int]], traces: Traces,
            book: PriceBook) -> Tuple[Dict[int, traffic.SiteTraffic], Summary]:
    here = zone(traces.tz)
    joined = Joiner([s.target for s in sites], functions).join(traces.spans)
    starts = [s.start for s in traces.spans]
    window = traffic.Window(min(starts), max(starts)) if starts else None
    factor = (window.factor if window else 1.0) / traces.sample_rate
    out: Dict[int, traffic.SiteTraffic] = {}
    by_index = {s.target.index: s for s in sites}
    for index, spans in sorted(joined.spans.items()):
        spans = sorted(spans, key=lambda s: s.start)
        info = by_index[index]
        prices = [book.price(s) for s in spans]  # priced at the UTC instant
        local = [replace(s, start=s.start.astimezone(here)) for s in spans]
        out[index] = traffic.site(info.code_class, local, prices, info.schedules, joined.modes[index], factor, traces.tz)
    reasons: Dict[str, Unjoined] = {}
    for span, reason in joined.unjoined:
        entry = reasons.setdefault(reason, Unjoined(reason, 0, span.source))
        entry.count += 1
    priced_spend = [t.spend for t in out.values() if t.spend is not None]
    summary = Summary(
        window=window,
        files=traces.files,
        price_data=book.label,
        factor=factor,
        sample_rate=traces.sample_rate,
        tz=traces.tz,
        requests=sum(t.requests for t in out.values()),
        spend=sum(priced_spend) if priced_spend else None,
        no_human=sum(t.no_human for t in out.values()),
        no_human_spend=sum(t.no_human_spend for t in out.values()),
        batch_saving=sum(t.no_human_spend - t.no_human_batch_spend for i, t in out.items() if by_index[i].batchable),
        unjoined=sorted(reasons.values(), key=lambda u: (-u.count, u.reason)),
        unjoined_requests=len(joined.unjoined),
        unpriced=describe_unpriced(book),
        flagged=[i for i, t in out.items() if t.verdict.flagged],
    )
    return out, summary


def formats_used(files: Sequence[FileSummary]) -> List[str]:
    return sorted(Counter(f.format for f in files))
