"""Pieces every rule message is built from: what was found, why it costs, the first evidence."""
from __future__ import annotations

from typing import TYPE_CHECKING, Mapping, Optional

from llm_latency_lint.catalog import discounts
from llm_latency_lint.catalog.providers.spec import BATCH, POLL, STREAM, SYNC

if TYPE_CHECKING:  # pragma: no cover
    from llm_latency_lint.project.classify import ClassifiedSite, Reach

ONLINE_KINDS = (SYNC, STREAM)
BATCH_KINDS = (BATCH, POLL)


def subject(site: "ClassifiedSite") -> str:
    match = site.resolved.match
    return f"{match.provider.id} {match.operation}"


def is_online(site: "ClassifiedSite") -> bool:
    return site.resolved.match.op.kind in ONLINE_KINDS


def is_batch_api(site: "ClassifiedSite") -> bool:
    return site.resolved.match.op.kind in BATCH_KINDS


def is_stream(site: "ClassifiedSite") -> bool:
    return site.resolved.match.op.kind == STREAM or site.resolved.site.stream_kwarg


def via(reach: Optional["Reach"]) -> str:
    if reach is None:
        return ""
    if reach.trigger is not None and reach.trigger.source == "pragma":
        return reach.chain[0].note if reach.chain else ""
    if reach.trigger is not None and reach.trigger.kind != reach.cls:
        # The class changed on the way (a request queued the work): the queue hop explains it.
        hop = next((e.note for e in reach.chain if " queues " in e.note), None)
        if hop:
            return hop
    note = reach.chain[0].note if reach.chain else ""
    if reach.schedule and reach.schedule not in note:
        note = f"{note} ({reach.schedule})"
    start = ".".join(reach.start.split(".")[-2:]) if reach.start else ""
    return f"{note} via {start}" if start else note


def remedy(site: "ClassifiedSite", overrides: Optional[Mapping[str, float]] = None) -> str:
    """What to do instead, with the money: the provider's batch API and its discount (with the
    configured rates, as the audit has them)."""
    match = site.resolved.match
    provider = match.provider
    if match.refusal:
        return f"{match.refusal}; use the platform's batch inference instead"
    target = match.batch_provider
    if target is None:
        return provider.no_batch_reason or f"{provider.label} has no batch API: call the provider SDK's batch API"
    if not match.op.batchable:
        return f"no batch equivalent for this call ({match.op.note})" if match.op.note else "no batch equivalent"
    rate = discounts.effective(target.id, overrides).rate
    saving = f"{percent(rate)} cheaper" if rate else "discount unverified"
    if target is not provider:
        return (
            f"{provider.label} has no batch API, but this model{f' ({match.model})' if match.model else ''} "
            f"calls {target.label}: "
            f"move the requests to the {target.label} {target.batch_api} through its SDK ({saving}) "
            "and map results back by custom id"
        )
    return f"move it to the {provider.label} {provider.batch_api} ({saving})"


def percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"
