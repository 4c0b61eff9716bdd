"""Celery tasks a project registers and never sends.

A worker the repository deploys runs a registered task "when a message names it"
(``project/worker_tasks.py``: weak, for senders the scan cannot follow, such as
``send_task(name_read_from_a_row)`` or another service's producer). Where the project hands its
tasks to the worker only as task objects (``summarize.delay(...)``, ``.apply_async(...)``, which
the graph follows as queue edges) and never by name (``catalog/celery_methods.SEND_BY_NAME``), its
own hand-offs are its senders: a task none of them names is sent by nothing (round 17's
Virgo-Alpha/Watcher ``generate_summary_async``, a registered task nothing enqueues). A project
that sends nothing at all (a worker-only repository, its producer elsewhere) or sends by name keeps
the worker's reading (round 14's vkhomyn95/callcenter-call-quality, jungyu333/SHIORI-BE).

arq sends only by name (``pool.enqueue_job("extract")``): where every such send in the project
names its job in a way the graph follows (an edge at that line) and one names a listed worker
function, the listed functions none names are sent by nothing (round 21's Jyntrix-ai
``summarize_conversation``); one send whose name stays unread leaves them all the worker's.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Mapping, Sequence, Set, Tuple

from llm_latency_lint.catalog.celery_methods import SEND_BY_NAME
from llm_latency_lint.catalog.queues import ARQ_ENQUEUES, ARQ_FUNCTION_SOURCE
from llm_latency_lint.catalog.worker_commands import WORKER_TASK_SOURCES
from llm_latency_lint.model import Expr, FileFacts, Trigger
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.graph import Project


def _method(expr: Expr) -> str:
    """The last name of a callee expression: ``app.send_task`` -> ``send_task``."""
    if expr and expr[0] == "attr" and len(expr) > 2:
        return str(expr[2])
    if expr and expr[0] == "name" and len(expr) > 1:
        return str(expr[1]).rsplit(".", 1)[-1]
    return ""


def sends_by_name(files: Iterable[FileFacts]) -> bool:
    """Does some project code send a task by its name (``send_task``)?"""
    return any(call.kind == "call" and _method(call.expr) in SEND_BY_NAME
               for facts in files for fn in facts.functions.values() for call in fn.calls)


def _defined(qualname: str) -> str:
    """A function as its module names it: an earlier definition of a redefined name is
    ``name@line``, and Celery registers both under one task name (the first one runs)."""
    return qualname.partition("@")[0]


def unsent(tasks: Set[str], registered: Set[str], sent: Set[str], by_name: bool) -> Set[str]:
    """Of ``tasks``, those nothing sends: all but the ``sent`` ones (a send of a redefined name
    sends both definitions' task), where the project sends some of its ``registered`` tasks as
    objects and none by name; else none (a sender may be elsewhere)."""
    names = {_defined(q) for q in sent}
    if by_name or not {_defined(q) for q in registered} & names:
        return set()
    return {t for t in tasks if _defined(t) not in names}


def never_sent(project: Project, seeds: Sequence[Tuple[Trigger, List[str]]], sent: Set[str],
               edges: Mapping[str, Sequence[Edge]]) -> Set[str]:
    """The functions a deployed worker's reading starts (``seeds``: each trigger with the functions
    it starts) that nothing sends, ``sent`` being what the project's queue edges reach."""
    tasks = {t for trigger, targets in seeds if trigger.source in WORKER_TASK_SOURCES and trigger.weak for t in targets}
    arq = {t for trigger, targets in seeds if trigger.source == ARQ_FUNCTION_SOURCE for t in targets}
    found = unsent(tasks, set(project.symbols.task_names.values()), sent, sends_by_name(project.files)) if tasks else set()
    return found | (unsent(arq, arq, sent, _unread_arq_send(project.files, edges)) if arq else set())


def _unread_arq_send(files: Iterable[FileFacts], edges: Mapping[str, Sequence[Edge]]) -> bool:
    """Does some ``enqueue_job(...)`` send a job whose name the graph did not follow (no queue edge
    from its line)?"""
    return any(call.kind == "queue" and call.note.strip(".()") in ARQ_ENQUEUES  # the job is ``expr``, the note the method
               and not any(e.kind == "queue" and e.line == call.line for e in edges.get(fn.qualname, ()))
               for facts in files for fn in facts.functions.values() for call in fn.calls)


def run_only_by(project: Project, idle: Set[str], edges: Mapping[str, Sequence[Edge]], sent: Set[str]) -> Set[str]:
    """``idle`` code, the registered tasks nothing sends (``unsent``, deployed worker or not), and
    the functions only they run, through any chain of callers (a task nothing sends calling a helper
    that queues another task): none of them queues work an event could start, so a ``.delay()``
    there is no event trigger of the task it names (pkushal23/myapp)."""
    registered = set(project.symbols.task_names.values())
    idle = idle | unsent(registered, registered, sent, sends_by_name(project.files)) if registered else idle
    if not idle:
        return set()
    callers: Dict[str, Set[str]] = {}
    for src, found in edges.items():
        for edge in found:
            callers.setdefault(edge.dst, set()).add(src)
    out = set(idle)
    grown = True
    while grown:
        grown = False
        for fn, by in callers.items():
            if fn not in out and by <= out:
                out.add(fn)
                grown = True
    return out
