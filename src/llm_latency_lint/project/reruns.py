"""A request that hands off the job a schedule runs, giving it nothing of its own, re-runs it (label policy 13).

A "run now" route or bot command queues the very job a schedule queues: beat's
``check_digest_schedule`` fans out ``generate_user_digest.delay(user.id)`` and an admin route
``generate_user_digest.delay(user_id)``; a Lambda on a schedule starts a Step Functions pipeline
and a ``POST /trigger`` starts the same state machine. Like a ``workflow_dispatch`` beside a
``schedule`` (the CI policy), the manual run adds no class of its own: the job stays scheduled.

The job's identity is what the hand-off names, matched with what a schedule runs: a schedule's own
target (beat's task, run with no arguments), a function a scheduled walk hands off, or an entry a
scheduled walk launches without waiting (an async Lambda invoke, a Step Functions start:
``queues.RERUN_LAUNCHES``; a queue message is data for its consumer). A hand-off passing nothing
or only literals (``facts/passes.py``) gives the job nothing of the request's. One passing computed
values re-runs the job only where each fills a place the schedule's own hand-off of that job fills
with a computed value too (the record the job runs for: which user's digest, which stored task)
and the request says it runs a job (its route or handler: ``/scheduled-tasks/<id>/run``,
``trigger_digest``; ``queues.RUN_NOW_WORDS``): ``POST /add`` storing a message and queueing that
user's summary, or a bot queueing the video a person just sent, hands off work of its own. A value
in a place the schedule leaves empty or fixes to a literal (a prompt, an article's text, a flag the
schedule never passes) is the request's input: work it hands off, near-real-time (policy 4). A
request's unread arguments (``*args``) keep its hand-off its own; a schedule's fill no place. A
launch's payload is not read: the launched function or state machine is the identity. A route that
runs the job inline and waits is still a person waiting (mixed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Sequence, Set

from llm_latency_lint.catalog.queues import RERUN_LAUNCHES, RUN_NOW_WORDS
from llm_latency_lint.model import FunctionFacts
from llm_latency_lint.project.edges import Edge

NOTHING: FrozenSet[str] = frozenset()
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def says_run(texts: Iterable[str]) -> bool:
    """Do a request's route and handler names (``/tasks/{id}/run``, ``triggerBrew``) say it runs a job now?"""
    return any(word.lower() in RUN_NOW_WORDS for text in texts for word in _WORD.findall(text))


def computed(passes: Iterable[str]) -> FrozenSet[str]:
    """The places filled with a computed value (``"0"``, not ``"0='daily'"``)."""
    return frozenset(p for p in passes if "=" not in p)


def passes_at(fn: Optional[FunctionFacts], line: int) -> Optional[List[str]]:
    """What the hand-offs ``fn`` makes at ``line`` fill (the edge keeps only its line); None when
    unread or when two hand-offs there differ."""
    found = [ref.passes for ref in (fn.calls if fn is not None else ()) if ref.kind == "queue" and ref.line == line]
    if not found or any(p is None for p in found) or any(p != found[0] for p in found):
        return None
    return found[0]


class ScheduledJobs:
    """The jobs schedules run or hand off, with the places their hand-offs fill."""

    def __init__(self, starts: Iterable[str], functions: Callable[[str], Optional[FunctionFacts]]) -> None:
        self.filled: Dict[str, Set[str]] = {fn: set() for fn in starts}  # a schedule's own target: no arguments
        self.launched: Set[str] = set()  # entry keys a scheduled walk launches without waiting
        self.functions = functions  # qualname -> its facts (what its hand-offs pass)

    def walk(self, schedule: bool, request: bool, note: str, handlers: Sequence[str]) -> "Walk":
        """One trigger's walk: a schedule's records its hand-offs, a request's may re-run them
        (its ``note`` and ``handlers``' module and function names are read for ``says_run``)."""
        run_now = request and says_run([note, *(part for name in handlers for part in name.rsplit(".", 2)[-2:])])
        return Walk(self, schedule, request, run_now)

    def handed_off(self, dst: str, passes: Optional[List[str]]) -> None:
        """A scheduled walk hands ``dst`` off; unread arguments fill no place (the cautious side)."""
        self.filled.setdefault(dst, set()).update(computed(passes) if passes is not None else NOTHING)

    def reruns(self, dst: str, passes: Optional[List[str]], run_now: bool) -> bool:
        """Does a request's hand-off of ``dst`` filling ``passes`` re-run a scheduled job? ``run_now``:
        the request says it runs a job (``says_run``), needed when it passes computed values."""
        if dst not in self.filled or passes is None:
            return False
        given = computed(passes)
        return not given or run_now and given <= self.filled[dst]


@dataclass
class Walk:
    """What one trigger's walk does at hand-offs (``classify.Classifier._walk``)."""

    jobs: ScheduledJobs
    schedule: bool  # a schedule's walk: its hand-offs are the scheduled jobs
    request: bool  # a request's or chat command's walk (a command line is ``repeats``'s)
    run_now: bool  # the request says it runs a job now

    def skips(self, edge: Edge, waiting: bool) -> bool:
        """Record a schedule's hand-off; does a request's (a person ``waiting`` before it) re-run a job?"""
        if edge.kind != "queue" or edge.waited or not (self.schedule or self.request and waiting):
            return False
        passes = passes_at(self.jobs.functions(edge.src), edge.line)
        if self.schedule:
            self.jobs.handed_off(edge.dst, passes)
            return False
        return self.jobs.reruns(edge.dst, passes, self.run_now)

    def skips_launch(self, source: str, key: str, waiting: bool) -> bool:
        """The same for a launch naming a deployed job (``queues.RERUN_LAUNCHES``): its key is the job."""
        if source not in RERUN_LAUNCHES or not (self.schedule or self.request and waiting):
            return False
        if self.schedule:
            self.jobs.launched.add(key)
            return False
        return key in self.jobs.launched
