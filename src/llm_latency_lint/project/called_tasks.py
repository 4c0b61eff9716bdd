"""Tasks whose plain call queues them: a call edge into one is a queue edge.

Huey's task decorators (``catalog/queues.CALLED_TO_QUEUE_SOURCES``) make ``process(doc)`` enqueue
the work and return a result handle at once; the worker runs the body later, so the caller's
request does not wait for it (label policy 4) unless it reads the result
(``process(doc).get(blocking=True)``: the call ref is ``waited``). A method of the task that runs
its body in the caller (``process.call_local(doc)``, ``catalog/dispatch.DECORATED_RUN_METHODS``)
is a member run and stays a call. The triggers say which functions are such tasks; the edges are
rewritten after they are built, so stored edges stay as they were.
"""
from __future__ import annotations

from typing import Dict, Iterable, List

from llm_latency_lint.catalog.queues import CALLED_TO_QUEUE_SOURCES
from llm_latency_lint.model import FileFacts
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.member_runs import MEMBER_RUN

NOTE = "a plain call (a {source} queues itself when called)"


def called_to_queue(files: Iterable[FileFacts]) -> Dict[str, str]:
    """Functions a plain call queues: qualname -> the queue edge's note."""
    found: Dict[str, str] = {}
    for facts in files:
        for trigger in facts.triggers:
            if trigger.source in CALLED_TO_QUEUE_SOURCES and trigger.target and trigger.target[0] == "name":
                found[str(trigger.target[1])] = NOTE.format(source=CALLED_TO_QUEUE_SOURCES[trigger.source])
    return found


def queue_called_tasks(edges: Dict[str, List[Edge]], tasks: Dict[str, str]) -> None:
    """Call edges into ``tasks`` become queue edges, in place (a task calling itself recursively too)."""
    if not tasks:
        return
    for found in edges.values():
        for edge in found:
            if edge.kind == "call" and edge.dst in tasks and not edge.by_name and edge.note != MEMBER_RUN:
                edge.kind, edge.note = "queue", tasks[edge.dst]
