"""The audit's inventory: one row per call site with what the reports print, and the money.

A row adds to a classified site its model, the trigger that decides its class and that
trigger's frequency in words, whether it can move to a batch API now (``eligible``) or is
worth a monthly look (``candidate``, near-real-time), and its share of the spend.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional

from llm_latency_lint.audit.savings import Savings, site_potential, site_saving, total
from llm_latency_lint.audit.spend import Attribution, from_config, from_usage
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


def build(result: Result, config: Config, usage: Optional[Usage] = None) -> Audit:
    """Rows and savings for ``result``; spend from ``usage`` when given, else from config."""
    table = discounts_mod.table(config.discounts)
    rows = [_row(site, table) for site in result.sites]
    spendable = [r.online for r in rows]
    attribution: Attribution = (
        from_usage(rows, usage, spendable) if usage else from_config(rows, config.spend, spendable)
    )
    for index, amount in attribution.spend.items():
        rows[index].spend = amount
    savings = total(rows, attribution.source, attribution.assumptions)
    used = {r.discount.provider: r.discount for r in rows if r.discount is not discounts_mod.UNKNOWN}
    used.update({r.provider: r.discount for r in rows if r.discount is discounts_mod.UNKNOWN})
    return Audit(result, rows, savings, dict(sorted(used.items())))
