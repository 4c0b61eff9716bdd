"""Schedules registered by code that never runs register nothing.

``def run_scheduler(): schedule.every().day.at("09:00").do(run_analysis)`` or ``async def
schedule_jobs(app): scheduler.add_job(job, CronTrigger(...))`` declares its schedule only when the
function runs: a function no call, hand-off, trigger, entry point or pragma starts, carrying no
decorator (a framework's registration) and whose name no expression holds (a callable passed on,
a method called on a receiver the graph cannot type, ``getattr``), in a module whose use the
project shows (a script with its own ``__main__``, or a module others import), never does, so the
schedule starts nothing (round 7's chithu221995/ARI, round 18's LitovchenkoYevhen/telegram-summary).
Module-level code and ``__main__`` blocks run when their file does: what they register counts; so
does what a method or a nested function registers (a framework calls a component's ``build_defs``,
an app config's ``ready``: hooks the project never calls itself).
"""
from __future__ import annotations

from typing import Dict, List, Sequence, Set, Tuple

from llm_latency_lint.model import FileFacts, Trigger
from llm_latency_lint.project.classify_entries import imported_modules
from llm_latency_lint.project.dead_branches import started_functions
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.escaped import escaped_names
from llm_latency_lint.project.graph import Project

Located = Tuple[Trigger, str]  # a trigger and the path declaring it
SCOPES = (".<module>", ".__main__")  # code that runs when its file does


def live_schedules(project: Project, triggers: Sequence[Located], edges: Dict[str, List[Edge]]) -> List[Located]:
    """``triggers`` without the schedules declared inside a function nothing starts."""
    facts_of: Dict[str, FileFacts] = {f.path: f for f in project.files}
    candidates = [(i, declaring) for i, (t, path) in enumerate(triggers)
                  if t.kind == "scheduled" and not t.weak and path in facts_of
                  for declaring in [_declaring(facts_of[path], t.line)] if declaring]
    if not candidates:
        return list(triggers)
    shown = _used_modules(project, {facts_of[triggers[i][1]].module for i, _ in candidates})
    candidates = [(i, q) for i, q in candidates if facts_of[triggers[i][1]].module in shown]
    if not candidates:
        return list(triggers)
    declared = dict(candidates)
    started = {e.dst for found in edges.values() for e in found}
    for i, located in enumerate(triggers):  # a loop's own schedule (``while True: ...; sleep(60)``) starts nothing
        started.update(q for q in started_functions(project, [located]) if q != declared.get(i))
    escaped: Set[str] = set()
    dead: Set[int] = set()
    for index, qualname in candidates:
        fn = project.functions[qualname][0] if qualname in project.functions else None
        if fn is None or qualname in started or fn.decorators or fn.pragma:
            continue
        if not escaped:
            escaped = escaped_names(project, edges) or {""}
        if fn.name not in escaped:
            dead.add(index)
    return [located for i, located in enumerate(triggers) if i not in dead]


def _used_modules(project: Project, modules: Set[str]) -> Set[str]:
    """Of ``modules``, those whose use the project shows: run as a script (a ``__main__`` block) or
    imported by another module. A module that is neither may itself be what a console script or a
    ``python -c`` names, its functions entry points (a bot's ``main``)."""
    used = {m for m in modules if f"{m}.__main__" in project.functions}
    return used | (modules & imported_modules(project)) if modules - used else used


def _declaring(facts: FileFacts, line: int) -> str:
    """The function whose call on ``line`` declares the trigger (``""``: module code, or none)."""
    for fn in facts.functions.values():
        if fn.qualname.endswith(SCOPES):
            continue
        if any(ref.kind == "call" and ref.line == line for ref in fn.calls):
            return fn.qualname if fn.qualname == f"{facts.module}.{fn.name}" else ""  # a method: a framework's hook?
    return ""
