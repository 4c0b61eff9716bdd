"""What classification hands on: a call site's class with the walks (reaches) that decided it.

Kept apart from the walk itself so reporters, rules and the result store read these values
without the classifier's machinery.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from llm_latency_lint.model import LatencyClass, Sink, Trigger
from llm_latency_lint.project.graph import ResolvedSite


@dataclass
class Evidence:
    path: str
    line: int
    note: str
    schedule: Optional[str] = None


Chain = List[Evidence]


@dataclass
class Reach:
    """One trigger's walk to one function."""

    cls: str
    chain: Chain
    weak: bool = False
    schedule: Optional[str] = None
    trigger: Optional[Trigger] = None
    start: str = ""  # the function the trigger starts
    functions: Tuple[str, ...] = ()  # the functions on the walk, trigger first


@dataclass
class ClassifiedSite:
    resolved: ResolvedSite
    latency_class: str
    evidence: Chain
    reaches: List[Reach] = field(default_factory=list)
    pragma: bool = False
    sinks: List[Sink] = field(default_factory=list)  # where the result goes, on the deciding path

    def __post_init__(self) -> None:
        """A match made from the call's shape (the receiver's type is unknown) says so, last."""
        inferred = self.resolved.match.inferred
        if inferred and not (self.evidence and self.evidence[-1].note == inferred):
            self.evidence = [*self.evidence, Evidence(self.resolved.facts.path, self.resolved.site.line, inferred)]

    @property
    def classes(self) -> List[str]:
        return sorted({r.cls for r in self.reaches})

    def chain_for(self, cls: str) -> Chain:
        return next((r.chain for r in self.reaches if r.cls == cls), [])

    def reach_for(self, cls: str) -> Optional[Reach]:
        return next((r for r in self.reaches if r.cls == cls), None)


def first_chain(reaches: List[Reach], cls: str) -> Chain:
    """The evidence a report shows for ``cls``: its strongest, then shortest, walk."""
    best = min((r for r in reaches if r.cls == cls), key=lambda r: (r.weak, len(r.chain)), default=None)
    return list(best.chain) if best else []


def dedupe(reaches: List[Reach]) -> List[Reach]:
    """One reach per class, trigger kind and trigger position: the walk meets a trigger once per path."""
    seen, out = set(), []
    for reach in reaches:
        key = (reach.cls, reach.trigger.source if reach.trigger else "", reach.chain[0].path, reach.chain[0].line)
        if key not in seen:
            seen.add(key)
            out.append(reach)
    return out


def class_of(reaches: List[Reach]) -> Tuple[str, Chain]:
    """The class the reaching triggers give, with its evidence: real-time beside a schedule or an
    event is mixed; then real-time, near-real-time (with or without a schedule: the conservative
    choice), scheduled; ``("", [])`` when nothing reaches."""
    classes = {r.cls for r in reaches}
    rt, nrt, sched = LatencyClass.REAL_TIME.value, LatencyClass.NEAR_REAL_TIME.value, LatencyClass.SCHEDULED.value
    if rt in classes and classes & {nrt, sched}:
        return LatencyClass.MIXED.value, first_chain(reaches, rt) + first_chain(reaches, nrt if nrt in classes else sched)
    return next(((cls, first_chain(reaches, cls)) for cls in (rt, nrt, sched) if cls in classes), ("", []))
