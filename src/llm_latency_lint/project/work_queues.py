"""In-process work queues: a worker runs for the code that feeds it, not for the code that starts it.

A function started in a thread or task (``Thread(target=worker, args=(q,)).start()``,
``create_task(self._worker())``) that takes items off a work queue the project makes
(``q.get()``, ``await self._queue.get()``: ``catalog/work_queues.py``) does its work once per item.
Who waits for that work is whoever puts the item: a request handing its item to the worker does not
wait (label policy 4: near-real-time), a scheduled job's items are the schedule's work, a file
watcher's events are events. So, where the scan finds code putting on the queue (``q.put(item)``,
the queue followed by value through arguments, ``self.`` attributes and globals), each put is a queue
edge to the worker and the edge starting the worker is dropped: a daemon that starts its worker at
boot, or a module that starts one on import, runs no item itself. A worker nothing puts to keeps
the edge that starts it; a stop sentinel (``q.put(None)`` on shutdown) is no put.
"""
from __future__ import annotations

from typing import Dict, List, Set, Tuple

from llm_latency_lint.catalog.work_queues import (
    PUT_METHODS,
    STOP_ITEMS,
    TAKE_METHODS,
    WORK_QUEUE_MAKERS,
)
from llm_latency_lint.model import CallRef, Expr
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.evaluate import Evaluator
from llm_latency_lint.project.values import Kind

# A queue's key (the container key of the binding that made it) -> its constructor's qualified name.
Queues = Dict[str, str]


def work_queues(ev: Evaluator) -> Queues:
    """The bindings holding a queue the code makes, marked by the constructor among their members."""
    found: Queues = {}
    for key, members in ev.s.containers.items():
        for expr in members:
            if expr and expr[0] == "call" and expr[1] and expr[1][0] == "name" and expr[1][1] in WORK_QUEUE_MAKERS:
                found[key] = str(expr[1][1])
    return found


def _method(expr: Expr) -> Tuple[Expr, str]:
    """A method call's receiver and method: ``q.get`` (an attribute), or a module global's dotted
    name (``["name", "app.jobs.QUEUE.put"]``)."""
    if expr and expr[0] == "attr" and len(expr) >= 3:
        return expr[1], str(expr[2])
    if expr and expr[0] == "name" and "." in str(expr[1]):
        owner, _, method = str(expr[1]).rpartition(".")
        return ["name", owner], method
    return [], ""


def _stops(ref: CallRef) -> bool:
    """A put of a stop sentinel (``q.put(None)``): it ends the worker's loop and gives it no work."""
    return bool(ref.values and ref.values[0] in STOP_ITEMS)


def _queues_of(ev: Evaluator, receiver: Expr, owner: str, queues: Queues) -> Set[str]:
    """The work queues a ``q.get()`` / ``q.put(x)`` call's receiver can hold."""
    values = ev.solver.query(lambda: ev.eval(receiver), owner)
    return {a.name for a in values if a.kind is Kind.MULTI and not a.path and a.name in queues}


def feed_workers(edges: Dict[str, List[Edge]], ev: Evaluator) -> None:
    """Rewrite, in place: each put on a worker's queue becomes a queue edge to the worker, and the
    hand-offs starting a worker that something feeds are dropped."""
    queues = work_queues(ev)
    if not queues:
        return
    started = {e.dst for found in edges.values() for e in found if e.kind == "queue" and e.handoff}
    takers: Dict[str, Set[str]] = {}  # a queue -> the started functions taking from it
    puts: List[Tuple[str, str, str, CallRef, str]] = []  # (queue, function, path, the put, method)
    for qual, (fn, facts) in ev.s.functions.items():
        for ref in fn.calls:
            receiver, method = _method(ref.expr) if ref.kind in ("call", "ref") else ([], "")
            if method in TAKE_METHODS and qual in started:
                for key in _queues_of(ev, receiver, qual, queues):
                    takers.setdefault(key, set()).add(qual)
            elif method in PUT_METHODS and ref.kind == "call" and not _stops(ref):
                puts.extend((key, qual, facts.path, ref, method) for key in _queues_of(ev, receiver, qual, queues))
    fed: Set[str] = set()
    for key, src, path, ref, method in puts:
        for worker in sorted(takers.get(key, ())):
            if worker == src:
                continue  # a worker putting an item back
            note = f"{queues[key]}.{method}()"  # ``containers``: the queue, which marks the edge a put
            edges.setdefault(src, []).append(Edge(src, worker, "queue", path, ref.line, ref.waited, note,
                                                  containers=(key,), answers=ref.answers))
            fed.add(worker)
    for src, found in edges.items():
        if any(e.dst in fed and e.kind == "queue" and e.handoff for e in found):
            edges[src] = [e for e in found if not (e.dst in fed and e.kind == "queue" and e.handoff)]
