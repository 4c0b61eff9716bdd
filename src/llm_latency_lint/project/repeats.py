"""Which of a by-hand command's reaches only repeat a job something runs (label policy 1).

A command-line tool nothing runs, beside a schedule, makes what it reaches ``mixed``, unless it
only repeats the scheduled job. The repeat is judged per function: the command's reach on a
function repeats the job when every path from the command to it passes through a *job entry*, a
function a block something runs calls first (``scripts/run.py``'s ``__main__`` calling
``run_pipeline``), a scheduled job itself, or what a self-timed loop calls (a ``scheduler.main``
loop calling ``run()``), or what two of those scheduled in two places both call (two schedules of one job). ``cli.py``'s ``main`` -> ``run_summarizer`` -> ``run_pipeline`` repeats the cron
job under ``run_pipeline``; its own ``ask`` subcommand calling the model helper directly does not.

A first call that itself holds a model call site (``ask_llm(prompt)`` in the scheduled block) is a
helper the job uses, not the job: a chat loop calling ``ask_llm(input())`` runs no scheduled job,
so it stays ``mixed`` (the policy's words: the command's ``__main__`` calls what the scheduled
command calls, and a chat loop is not the scheduled job).
"""
from __future__ import annotations

from collections import deque
from typing import (
    Callable,
    Dict,
    Iterable,
    List,
    Mapping,
    Optional,
    Sequence,
    Set,
    Tuple,
)

from llm_latency_lint.catalog import queues
from llm_latency_lint.model import Expr, LatencyClass, Trigger
from llm_latency_lint.project.classify_entries import NAMING, OBJECT, object_key
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.hops import Walked

Entries = Callable[[str], List[Tuple[Trigger, str]]]
MAX_OWN_WALK = 20000  # functions one command's own walk visits before it gives up (and keeps every reach)


def blocks_something_runs(reach: Mapping[str, List[Walked]], triggers: Sequence[Tuple[Trigger, str]], entries_for: Entries,
                          resolve: Callable[[Expr], List[str]], calls: Callable[[str], Set[str]],
                          commands: Callable[[Expr], List[str]]) -> Dict[str, Set[str]]:
    """Script blocks (``__main__``) a trigger reaches or another file runs -> what they call first;
    a console script naming an app object something runs -> its commands (``commands``)."""
    blocks: Set[str] = {fn for fn, found in reach.items() if any(not r.weak for r in found)}
    blocks.update(t for trigger, _ in triggers if trigger.target and trigger.target[0] == "entry"
                  for entry, _ in entries_for(str(trigger.target[1])) if entry.source in queues.BY_HAND_SOURCES
                  and entry.target and entry.target[0] != "entry" for t in resolve(entry.target))
    scripts = {t for trigger, _ in triggers if trigger.kind == "entry" and trigger.source in queues.BY_HAND_SOURCES
               and trigger.target and trigger.target[0] != "entry" for t in resolve(trigger.target)}
    scripts |= {fn for fn in blocks if fn.endswith(".<module>")}  # and modules run top to bottom (``pkg/__main__.py``)
    found = {t: calls(t) for t in blocks & scripts}
    for trigger, _ in triggers:
        found_commands = set(commands(trigger.target)) if trigger.source == "console-script" else set()
        if found_commands & set(reach):
            found[object_key(trigger.target)] = found_commands
    return found


def job_origins(scheduled: Iterable[Tuple[str, Iterable[str]]]) -> Dict[str, Set[str]]:
    """Each scheduled job (a schedule seed's target) -> the files declaring the schedules that start it."""
    origins: Dict[str, Set[str]] = {}
    for path, targets in scheduled:
        for target in targets:
            origins.setdefault(target, set()).add(path)
    return origins


def site_starts(starts: Iterable[str], reach: Mapping[str, List[Walked]], holds_site: Callable[[str], bool]) -> Set[str]:
    """Of the scheduled starts, those whose schedule's walk reaches a model call site: a command
    reaching one of them starts the scheduled job itself (a bot's ``main`` starting its daily loop).
    A helper a workflow step also runs (``python -c "from config import get_config; ..."``, reading
    the current edition) is no job: a command calling it may still run a path of its own."""
    wanted = set(starts)
    return {w.start for fn, found in reach.items() if holds_site(fn) for w in found
            if w.start in wanted and w.cls == LatencyClass.SCHEDULED.value and w.trigger.source != NAMING}


def job_entries(run_blocks: Mapping[str, Set[str]], own_targets: Iterable[str], jobs: Mapping[str, Set[str]],
                timers: Iterable[str], calls: Callable[[str], Iterable[str]], holds_site: Callable[[str], bool]) -> Set[str]:
    """The functions that start a job something else runs, for a command whose blocks are
    ``own_targets``: scheduled ``jobs`` and the commands of an app object something runs (the job
    itself), and what other run blocks and self-timed loops (``timers``) call first, unless that
    first call holds a model call itself (a helper the job uses, not the job). What a scheduled job
    calls is a step of it, not the job: another command-line tool building its own ``Analyzer(provider)``
    and calling the method the job calls runs its own configuration (round 9's iPad7/Kukbingwan: mixed).
    ``jobs`` maps each scheduled job to where it is scheduled (the files declaring its triggers)."""
    own = set(own_targets)
    origins: Dict[str, Set[str]] = {fn: {OBJECT + key} for key, commands in run_blocks.items()
                                    if key.startswith(OBJECT) for fn in commands}
    for job, where in jobs.items():
        origins.setdefault(job, set()).update(where)
    for block, called in run_blocks.items():
        if not block.startswith(OBJECT) and block not in own:
            for fn in called:
                if not holds_site(fn):
                    origins.setdefault(fn, set()).add(block)
    for timer in timers:
        if timer not in own:
            for fn in calls(timer):
                if not holds_site(fn):
                    origins.setdefault(fn, set()).add(timer)
    return {fn for fn in set(origins) | _shared_by_jobs(origins, calls, holds_site) if fn not in own}


def _shared_by_jobs(origins: Mapping[str, Set[str]], calls: Callable[[str], Iterable[str]],
                    holds_site: Callable[[str], bool]) -> Set[str]:
    """What job starts scheduled in two places both call (a ``schedule`` loop's ``run_scheduled_brief``
    and the Cloud Run command's ``main`` each calling ``run_daily_brief``): two ways of scheduling
    one job, so that function is the job, not a step of it (a model helper both call stays a
    helper). Two jobs one scheduler file registers side by side (a crawl job and an analysis job
    both calling ``run_full_analysis``) are two jobs: what they share is a step of each."""
    seen: Dict[str, Set[str]] = {}
    for start, where in origins.items():
        for fn in set(calls(start)) - {start}:
            seen.setdefault(fn, set()).update(where)
    return {fn for fn, where in seen.items() if len(where) > 1 and not holds_site(fn)}


def own_reach(targets: Iterable[str], entries: Set[str], neighbours: Callable[[str], Iterable[str]],
              limit: int = MAX_OWN_WALK) -> Optional[Set[str]]:
    """The functions a command reaches without entering a job entry (its own work), or None when
    the walk passes ``limit`` (then every reach counts as its own: the cautious side).
    ``neighbours`` may be a superset of the real walk's steps: it can only keep more reaches."""
    seen = {t for t in targets if t not in entries}
    queue = deque(seen)
    while queue:
        for nxt in neighbours(queue.popleft()):
            if nxt not in seen and nxt not in entries:
                if len(seen) >= limit:
                    return None
                seen.add(nxt)
                queue.append(nxt)
    return seen


def repeated(shared: Set[str], own: Optional[Set[str]]) -> Set[str]:
    """Of the functions a command reaches that something else reaches too (``shared``), those it
    reaches only through a job entry: there it repeats the job."""
    return set() if own is None else shared - own


def first_calls(edges: Mapping[str, List[Edge]]) -> Callable[[str], Set[str]]:
    """``fn`` -> the project functions it calls or hands on (an edge's ``dst``), itself left out."""
    cache: Dict[str, Set[str]] = {}

    def calls(fn: str) -> Set[str]:
        if fn not in cache:
            cache[fn] = {e.dst for e in edges.get(fn, ()) if e.dst != fn}
        return cache[fn]
    return calls
