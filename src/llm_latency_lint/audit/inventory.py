"""The audit's inventory: one row per call site with what the reports print, and the money.

A row adds to a classified site its model, the trigger that decides its class and that
trigger's frequency in words, whether it can move to a batch API now (``eligible``) or is
worth a monthly look (``candidate``, near-real-time), and its share of the spend.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from llm_latency_lint.audit.savings import Savings, site_potential, site_saving, total
from llm_latency_lint.audit.spend import Attribution, from_config, from_usage
from llm_latency_lint.audit.traces.analyse import SiteInput, Summary, analyse
from llm_latency_lint.audit.traces.join import Target
from llm_latency_lint.audit.traces.prices import PriceBook
from llm_latency_lint.audit.traces.read import Traces
from llm_latency_lint.audit.traces.traffic import SiteTraffic
from llm_latency_lint.audit.usage import Usage
from llm_latency_lint.catalog import discounts as discounts_mod
from llm_latency_lint.catalog.discounts import Discount
from llm_latency_lint.config import Config
from llm_latency_lint.model import LatencyClass
from llm_latency_lint.project.classify import NRT, RT, SCHED, ClassifiedSite, Reach
from llm_latency_lint.result import Result
from llm_latency_lint.rules.messages import is_online

MIXED = LatencyClass.MIXED.value


@dataclass
class Row:
    site: ClassifiedSite
    discount: Discount
    trigger: Optional[str]  # recogniser id of the deciding trigger, e.g. "celery-beat"
    frequency: Optional[str]  # the schedule in words, e.g. "daily 02:00"
    eligible: bool  # scheduled, online, and the provider's batch API takes it
    candidate: bool  # near-real-time and batchable: audit monthly
    online: bool  # an online request (what spend is attributed to); batch submissions are not
    spend: Optional[float] = None  # monthly USD
    batch_spend: Optional[float] = None  # monthly USD of the same requests at batch prices (traces only)
    traffic: Optional[SiteTraffic] = None  # what its traced requests say (audit --traces)

    @property
    def latency_class(self) -> str:
        return self.site.latency_class

    @property
    def rate(self) -> float:
        return self.discount.rate

    @property
    def path(self) -> str:
        return self.site.resolved.facts.path

    @property
    def line(self) -> int:
        return self.site.resolved.site.line

    @property
    def provider(self) -> str:
        return self.site.resolved.match.provider.id

    @property
    def operation(self) -> str:
        return self.site.resolved.match.operation

    @property
    def model(self) -> Optional[str]:
        return self.site.resolved.site.model

    @property
    def saving(self) -> float:
        return site_saving(self)

    @property
    def potential(self) -> float:
        return site_potential(self)


@dataclass
class Audit:
    result: Result
    rows: List[Row]
    savings: Savings
    discounts: Dict[str, Discount]  # the providers the rows use
    traffic: Optional[Summary] = None  # audit --traces: the measured totals


def batchable(site: ClassifiedSite) -> bool:
    """An online call the provider's batch API accepts, on a client that may use it."""
    match = site.resolved.match
    return is_online(site) and match.op.batchable and match.batch_provider is not None and not match.refusal


QUEUED = "queued-task"  # the trigger of work a request (or an event) queued: near-real-time


def deciding_reach(site: ClassifiedSite) -> Optional[Reach]:
    """The walk that explains the class: for mixed, the background one (it carries the schedule)."""
    order = {RT: (RT,), NRT: (NRT, SCHED), SCHED: (SCHED,), MIXED: (SCHED, NRT)}.get(site.latency_class, ())
    return next((r for cls in order for r in [site.reach_for(cls)] if r is not None), None)


def _row(site: ClassifiedSite, table: Dict[str, Discount]) -> Row:
    target = site.resolved.match.batch_provider  # a LangChain model: the provider it calls
    provider = (target or site.resolved.match.provider).id
    discount = table.get(provider) or discounts_mod.UNKNOWN
    reach = deciding_reach(site)
    trigger = reach.trigger.source if reach and reach.trigger else ("pragma" if site.pragma else None)
    if reach and reach.trigger and reach.trigger.kind != reach.cls and reach.cls == NRT:
        trigger = QUEUED  # a request queued the work (.delay(), add_task): the queue makes the class
    frequency = (reach.schedule if reach else None) or next((e.schedule for e in site.evidence if e.schedule), None)
    ok = batchable(site)
    return Row(
        site=site,
        discount=discount,
        trigger=trigger,
        frequency=frequency,
        eligible=ok and site.latency_class == SCHED,
        candidate=ok and site.latency_class == NRT,
        online=is_online(site),
    )


def _schedules(site: ClassifiedSite, frequency: Optional[str]) -> tuple:
    texts = [frequency, *(e.schedule for e in site.evidence)]
    for reach in site.reaches:
        texts.append(reach.schedule)
        texts.extend(e.schedule for e in reach.chain)
    return tuple(dict.fromkeys(t for t in texts if t))


def _site_input(index: int, row: Row) -> SiteInput:
    match = row.site.resolved.match
    providers = tuple(dict.fromkeys(p.id for p in (match.provider, match.batch_provider) if p is not None))
    target = Target(index, row.path, row.line, row.site.resolved.site.function, providers, row.model)
    return SiteInput(target, row.latency_class, _schedules(row.site, row.frequency), batchable(row.site))


def _from_traces(rows: List[Row], traces: Traces, book: PriceBook) -> Tuple[Attribution, Summary]:
    functions = {
        r.path: {q: f.line for q, f in r.site.resolved.facts.functions.items()} for r in rows
    }
    per_site, summary = analyse([_site_input(i, r) for i, r in enumerate(rows)], functions, traces, book)
    out = Attribution(source="traces")
    for index, found in per_site.items():
        rows[index].traffic = found
        if found.spend is not None:
            out.spend[index] = found.monthly(found.spend) or 0.0
            rows[index].batch_spend = found.monthly(found.batch_spend)
    files = ", ".join(f"{f.source} ({f.format}: {f.spans} LLM request(s), {f.other} other record(s) left out)"
                      for f in summary.files)
    out.assumptions.append(f"traces: {files}")
    if summary.window:
        out.assumptions.append(f"traces cover {summary.window.text}, scaled to a 30-day month"
                               + (f" and divided by the sample rate {traces.sample_rate:g}" if traces.sample_rate < 1
                                  else "; read as complete (pass --traces-sample-rate if the export was sampled)"))
    out.assumptions.append(f"spend = tokens x price per request; price data: {summary.price_data}")
    out.assumptions.extend(summary.unpriced)
    if summary.unjoined_requests:
        out.assumptions.append(f"{summary.unjoined_requests} traced request(s) joined no call site (listed under Traffic)")
    untraced = sum(1 for i, r in enumerate(rows) if r.online and i not in per_site)
    if untraced:
        out.assumptions.append(f"{untraced} online call site(s) have no traced requests, so no spend")
    return out, summary


def build(result: Result, config: Config, usage: Optional[Usage] = None, traces: Optional[Traces] = None,
          book: Optional[PriceBook] = None) -> Audit:
    """Rows and savings for ``result``; spend from ``traces`` (tokens x price) when given, else
    from ``usage``, else from config."""
    table = discounts_mod.table(config.discounts)
    rows = [_row(site, table) for site in result.sites]
    spendable = [r.online for r in rows]
    summary: Optional[Summary] = None
    if traces is not None:
        book = book or PriceBook(dict(config.prices), dict(config.discounts))
        attribution, summary = _from_traces(rows, traces, book)
        if usage:
            attribution.assumptions.append(f"--usage {usage.source} not used: the traces price each request")
    else:
        attribution = from_usage(rows, usage, spendable) if usage else from_config(rows, config.spend, spendable)
    for index, amount in attribution.spend.items():
        rows[index].spend = amount
    savings = total(rows, attribution.source, attribution.assumptions)
    used = {r.discount.provider: r.discount for r in rows if r.discount is not discounts_mod.UNKNOWN}
    used.update({r.provider: r.discount for r in rows if r.discount is discounts_mod.UNKNOWN})
    return Audit(result, rows, savings, dict(sorted(used.items())), summary)
