"""Celery task and signature methods: which run the task in the caller's process, which hand it to a worker.

docs.celeryq.dev, "Calling Tasks" and ``celery.app.task.Task``: ``task.delay(x)`` and
``task.apply_async((x,))`` send a message a worker picks up (the caller goes on: a hand-off,
``catalog/queues.QUEUE_CALLS``), while ``task.apply((x,))`` executes the task locally, blocking
until it returns (an ``EagerResult``), ``task.run(x)`` is the task's body and ``task(x)`` calls it
directly: the caller waits, so the task has the caller's latency class
(``catalog/dispatch.DECORATED_RUN_METHODS``). A canvas applied with ``.apply()`` runs each task
it holds locally too (``facts/calls.py``); ``.delay()`` / ``.apply_async()`` queue them.
"""
from __future__ import annotations

from typing import Dict, FrozenSet

IN_PROCESS, HANDOFF = "in-process", "hand-off"

# Method of a task (or of a signature or canvas) -> where the task body runs.
TASK_METHODS: Dict[str, str] = {
    "delay": HANDOFF,
    "apply_async": HANDOFF,
    "delay_on_commit": HANDOFF,  # Celery 5.4 Django integration: sent once the transaction commits
    "apply_async_on_commit": HANDOFF,
    "apply": IN_PROCESS,
    "run": IN_PROCESS,
    "__call__": IN_PROCESS,
}


def methods(where: str) -> FrozenSet[str]:
    """The task methods that run the task ``where`` (``IN_PROCESS`` or ``HANDOFF``)."""
    return frozenset(m for m, w in TASK_METHODS.items() if w == where)


TASK_HANDOFFS = methods(HANDOFF)
TASK_IN_PROCESS = methods(IN_PROCESS)

# App methods that send a task by its registered name (``app.send_task("proj.tasks.summarize")``,
# the name often read at run time): a project that has one may send any task it registers, so a
# task none of its hand-offs names still has a sender (``project/unsent_tasks.py``).
SEND_BY_NAME: FrozenSet[str] = frozenset({"send_task"})
