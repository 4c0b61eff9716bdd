"""Worker task definitions nothing visibly sends: a Celery task, a Dramatiq actor or a Huey task
runs when a message arrives, so it is event-triggered (near-real-time) even when the code that
queues it is not in the scan (another service, the admin, a broker UI).

Weak evidence only: a task something in the repository sends, schedules or calls takes that
trigger's class (the queue edge, beat, a route), and this one is dropped there. Which decorators
make a Celery task is ``celery.py``'s decision (``CeleryTasks``), so look-alikes stay out
(Flask-APScheduler's ``@scheduler.task("cron")``, Prefect's ``@task``).
"""
from __future__ import annotations

from typing import Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.celery import CeleryTasks
from llm_latency_lint.catalog.triggers.resolve import origin
from llm_latency_lint.model import Trigger

DRAMATIQ_ACTORS = frozenset({"dramatiq.actor", "dramatiq.actor.actor", "dramatiq.actor.Actor"})
HUEY_METHODS = ("task", "db_task")
_CELERY = CeleryTasks()


class TaskWorkers(Recognizer):
    id = "task-workers"
    words = ("celery", "shared_task", "dramatiq", "huey")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            label = self._label(ctx, dec)
            if label is None:
                continue
            note = f"{label} {node.name.value}: a worker runs it when a message arrives (its sender is not in the scan)"
            ctx.add_trigger(Trigger(kind="near-real-time", source="worker-task", target=["name", qualname],
                                    line=dec.line, note=note, weak=True))
            return

    @staticmethod
    def _label(ctx: "Context", dec: Decorator) -> Optional[str]:
        if dec.attr in ("periodic_task", "db_periodic_task"):
            return None  # scheduled: celery.py / huey.py
        if dec.name in DRAMATIQ_ACTORS and ctx.imports("dramatiq"):
            if dec.call is not None and any(a.keyword and a.keyword.value == "periodic" for a in dec.call.args):
                return None
            return "Dramatiq actor"
        func = dec.call.func if dec.call is not None else dec.node.decorator
        if dec.attr in HUEY_METHODS and ctx.imports("huey") and isinstance(func, cst.Attribute):
            built = origin(ctx, ctx.expr(func.value))
            if built is not None and built.root == "huey":
                return "Huey task"
        if ctx.imports("celery") or "celery" in (dec.name or "") or dec.attr == "shared_task":
            if _CELERY._is_task(ctx, dec):
                return "Celery task"
        return None


RECOGNIZERS = [TaskWorkers()]
