"""The triggers a classification starts from and the entry points they bind, gathered once.

Set-up kept apart from the walk in ``classify``: which declared triggers count (registered,
not in a module nothing loads), which command names bind which functions, and the call edges
with the requests the repository makes to the functions it deploys.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import (
    Callable,
    Dict,
    FrozenSet,
    List,
    Protocol,
    Sequence,
    Set,
    Tuple,
    TypeVar,
)

from llm_latency_lint.catalog.cloud_schedulers import DOC_SOURCE, EVENT_SOURCE
from llm_latency_lint.catalog.sources.github_actions import manual_only
from llm_latency_lint.model import Trigger
from llm_latency_lint.project.classify_entries import add_derived_entries, connected
from llm_latency_lint.project.dead_branches import (
    Spot,
    dead_branches,
    started_functions,
)
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.false_flags import dead_blocks, flag_dead, live_triggers
from llm_latency_lint.project.graph import Project
from llm_latency_lint.project.route_entries import RouteEntries
from llm_latency_lint.project.unregistered import live_schedules
from llm_latency_lint.project.worker_tasks import worker_gate

Located = Tuple[Trigger, str]  # a trigger and the path declaring it


@dataclass
class TriggerTable:
    """What the classifier starts from: the routes, the call edges (without those in dead
    branches), every trigger and the entry points naming them, and the dead call sites' reasons."""

    routes: RouteEntries
    edges: Dict[str, List[Edge]]  # the project's call edges and its requests to deployed functions
    triggers: List[Located]
    entries: Dict[str, List[Located]]  # entry key (command, module, script) -> the triggers naming it
    dead: Dict[Spot, str]  # call sites in branches no caller's literal selects -> why (``dead_branches``)
    # or behind a module's false flag (``false_flags``); the edges those flags dropped, by callee
    dead_calls: Dict[str, List[Tuple[Edge, str]]] = field(default_factory=dict)
    # functions code calls only from dead branches, dead dict entries or behind false flags, and what
    # only they call (``_dead_only``): a name guess must not start such code (policy 14)
    orphaned: FrozenSet[str] = frozenset()


def gather(project: Project, extra_triggers: Sequence[Located] = ()) -> TriggerTable:
    """Every trigger that counts, with ``extra_triggers`` (Makefile targets, shell scripts, images, units)."""
    declared = [t for f in project.files for t in f.triggers]
    routes = RouteEntries(project, declared + [t for t, _ in extra_triggers])
    edges = routes.with_hops(project.edges())
    registered = connected(project)  # a Django receiver in a module nothing imports: never connected
    deployed = worker_gate(declared + [t for t, _ in extra_triggers], project.symbols)
    blocks = dead_blocks(project)  # a trigger declared under a false flag nobody sets is never registered
    live = live_triggers(blocks, [(t, f) for f in project.files for t in f.triggers])
    triggers: List[Located] = [
        (routes.seen(t), f.path) for t, f in live if project.counts(t) and registered(t, f) and deployed(t, f)
    ]
    triggers.extend(extra_triggers)
    bound = project.bind_entry_points((t, f) for t, f in live if t.kind == "entry" and registered(t, f))
    entries: Dict[str, List[Located]] = {key: [(t, f.path) for t, f in found] for key, found in bound.items()}
    for trigger, path in extra_triggers:
        if trigger.kind == "entry" and trigger.entry_key:
            entries.setdefault(trigger.entry_key, []).append((trigger, path))
    add_derived_entries(project, entries, triggers)
    triggers = documented_deliveries(live_schedules(project, triggers, edges), entries)  # a schedule code never runs: none
    called = _callees(edges)
    edges, dead, unkeyed = dead_branches(project, edges, started_functions(project, triggers))
    edges, flagged, dropped = flag_dead(project, edges, blocks)
    for callee, calls in unkeyed.items():
        dropped.setdefault(callee, []).extend(calls)
    orphaned = _dead_only(edges, called - _callees(edges))
    return TriggerTable(routes, edges, triggers, entries, {**flagged, **dead}, dropped, orphaned)


def _dead_only(edges: Dict[str, List[Edge]], orphaned: Set[str]) -> FrozenSet[str]:
    """Functions every chain of callers above which starts at one the dead-code passes orphaned
    (``summarize(strategy="digest")`` no caller passes: ``create_daily_digest`` and the
    ``create_tldr_digest`` it calls never run), the orphans included: a name guess starts none."""
    callers: Dict[str, Set[str]] = {}
    for src, out in edges.items():
        for edge in out:
            if edge.src != edge.dst:
                callers.setdefault(edge.dst, set()).add(src)
    dead, todo = set(orphaned), list(orphaned)
    while todo:
        for edge in edges.get(todo.pop(), ()):
            if edge.dst not in dead and callers.get(edge.dst, set()) <= dead:
                dead.add(edge.dst)
                todo.append(edge.dst)
    return frozenset(dead)


def _callees(edges: Dict[str, List[Edge]]) -> Set[str]:
    return {edge.dst for out in edges.values() for edge in out if edge.src != edge.dst}


def documented_deliveries(triggers: List[Located], entries: Dict[str, List[Located]]) -> List[Located]:
    """A cloud function's weak event trigger, where the docs say a cloud scheduler fires it (the
    entry ``cloud-function:<name>`` a documented scheduler names, ``catalog/cloud_schedulers``),
    gives way to that schedule: its events are the scheduler's. Other functions' events stay."""
    delivered = {tuple(entry.target) for trigger, _ in triggers if trigger.source == DOC_SOURCE
                 and trigger.target and trigger.target[0] == "entry"
                 for entry, _ in entries.get(str(trigger.target[1]), ())}
    if not delivered:
        return triggers
    return [(t, p) for t, p in triggers if not (t.source == EVENT_SOURCE and t.weak and tuple(t.target) in delivered)]


class _Seeded(Protocol):
    trigger: Trigger
    path: str
    targets: List[str]
    cls: str


S = TypeVar("S", bound=_Seeded)


def own_manual_runs(seeds: List[S], scheduled: Set[str], path_of: Callable[[str], str]) -> List[S]:
    """A workflow only a person dispatches is weak evidence where it re-runs a scheduled job; one
    running a command no schedule starts (an earnings-only test script beside the daily job) is a
    run of its own that nobody waits on: strong near-real-time beside the schedule (policy 4). A
    command whose own file declares a schedule (``main.py`` starting an APScheduler cron) runs that
    schedule's process: a re-run, weak."""
    if not scheduled:
        return seeds
    in_code = {s.path for s in seeds if s.cls == "scheduled"}  # files whose code declares a schedule

    def own(s: S) -> bool:
        return not scheduled.intersection(s.targets) and not in_code.intersection(map(path_of, s.targets))
    return [replace(s, trigger=replace(s.trigger, weak=False))  # type: ignore[type-var]
            if manual_only(s.trigger) and own(s) else s for s in seeds]
