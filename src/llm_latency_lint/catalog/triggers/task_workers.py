"""Worker task definitions nothing visibly sends: a Dramatiq actor or a Huey task runs when a
message arrives, so it is event-triggered (near-real-time) even when the code that queues it is
not in the scan (another service, the admin, a broker UI). Celery tasks are ``celery.py``'s, and
count only where the repository starts a worker (``project/worker_tasks.py``): a beat entry that
names a task ambiguously (two tasks of that name) must leave it ``unknown``, not event-triggered
(``tests/project/test_byname.py``).

Also taskiq ``@broker.task`` (a broker from a ``taskiq*`` package), arq worker functions
(``functions = [...]`` in a class of a file importing arq: the ``WorkerSettings`` the worker
runs), and Temporal activities (``@activity.defn``: a worker runs them when a workflow asks).
Temporal activities and workflows are also recorded under the names a start call may give as a
string (``workflow.execute_activity("summarize_story")``, ``client.execute_workflow("Brief")``:
the function's or class's name, or the ``name=`` of its ``defn``; ``catalog/workflow_methods.py``),
a workflow's name standing for its ``@workflow.run`` method. That method is weak evidence too (a
worker runs it when a client outside the scan starts it), so the activities a workflow nothing here
starts waits for keep their worker's reading.

A Huey task (``@huey.task()``, ``@db_task()``, Django's ``from huey.contrib.djhuey import task``)
is the source ``huey-task``: calling the decorated function queues it (``queues.CALLED_TO_QUEUE_SOURCES``).

Weak evidence only: a task something in the repository sends, schedules or calls takes that
trigger's class (the queue edge, a schedule, a route), and this one is dropped there.
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog.queues import (
    ARQ_FUNCTION_SOURCE,
    CALLED_TO_QUEUE_SOURCES,
    HUEY_TASK_SOURCE,
)
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.resolve import callable_target, origin, short
from llm_latency_lint.catalog.workflow_methods import (
    ACTIVITY_DEFINITIONS,
    WORKFLOW_DEFINITIONS,
    WORKFLOW_RUNS,
)
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import kwarg

DRAMATIQ_ACTORS = frozenset({"dramatiq.actor", "dramatiq.actor.actor", "dramatiq.actor.Actor"})
HUEY_METHODS = ("task", "db_task")
# Django's Huey (``from huey.contrib.djhuey import task``): module-level decorators over the
# project's configured instance, which it also exports (``from huey.contrib.djhuey import HUEY``).
HUEY_DECORATORS = frozenset(f"huey.contrib.djhuey.{owner}{method}" for owner in ("", "HUEY.") for method in HUEY_METHODS)
HUEY_LABEL = CALLED_TO_QUEUE_SOURCES[HUEY_TASK_SOURCE]  # calling one queues it
TEMPORAL_ACTIVITIES = ACTIVITY_DEFINITIONS


class TaskWorkers(Recognizer):
    id = "task-workers"
    words = ("dramatiq", "huey", "taskiq", "arq", "temporalio")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            label = self._label(ctx, dec)
            if label is None:
                continue
            if dec.name in TEMPORAL_ACTIVITIES:  # ``execute_activity("summarize_story")`` names it
                ctx.add_task_name(_registered_name(ctx, dec.call, node.name.value), qualname)
            note = f"{label} {node.name.value}: a worker runs it when a message arrives (its sender is not in the scan)"
            source = HUEY_TASK_SOURCE if label == HUEY_LABEL else "worker-task"
            ctx.add_trigger(Trigger(kind="near-real-time", source=source, target=["name", qualname],
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
        if dec.name in TEMPORAL_ACTIVITIES:
            return "Temporal activity"
        func = dec.call.func if dec.call is not None else dec.node.decorator
        if dec.attr == "task" and isinstance(func, cst.Attribute):
            built = origin(ctx, ctx.expr(func.value))
            if built is not None and built.root.startswith("taskiq"):
                return "taskiq task"
        if dec.name in HUEY_DECORATORS:
            return HUEY_LABEL
        if dec.attr in HUEY_METHODS and ctx.imports("huey") and isinstance(func, cst.Attribute):
            built = origin(ctx, ctx.expr(func.value))
            if built is not None and built.root == "huey":
                return HUEY_LABEL
        return None


    def on_class(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        """arq: ``class WorkerSettings: functions = [summarize, func(enrich, ...)]`` (a list, tuple or
        set) in a file importing arq, or beside arq's own ``redis_settings`` (a settings class whose
        Redis settings come from the project's helper need not import arq)."""
        self._workflow(ctx, node, qualname)
        assigned = _class_assignments(node)
        if not (ctx.imports("arq") or any(name == "redis_settings" for name, _, _ in assigned)):
            return
        for name, listed, stmt in assigned:
            if name != "functions" or not isinstance(listed, (cst.List, cst.Tuple, cst.Set)):
                continue
            for element in listed.elements:
                value = element.value
                if isinstance(value, cst.Call) and ctx.qualified(value.func) in ("arq.func", "arq.worker.func") and value.args:
                    value = value.args[0].value
                target = callable_target(ctx, value)
                if target is not None:
                    note = f"arq worker function {short(ctx, value)} ({node.name.value}.functions): run when a job is queued"
                    ctx.add_trigger(Trigger(kind="near-real-time", source=ARQ_FUNCTION_SOURCE, target=target,
                                            line=ctx.line(stmt), note=note, weak=True))

    @staticmethod
    def _workflow(ctx: "Context", node: cst.ClassDef, qualname: str) -> None:
        """A Temporal ``@workflow.defn`` class: its name (or ``name=``) stands for its ``@workflow.run``
        method, which ``client.execute_workflow("Name", ...)`` starts; a worker runs that method when
        a client asks, weak evidence as for an activity (a client in the scan, ``execute_workflow``
        from a command, says who waits instead: ``queues.SENDER_ELSEWHERE_SOURCES``)."""
        if not ctx.imports("temporalio"):
            return
        defn = next((d for d in node.decorators if _decorator_name(ctx, d) in WORKFLOW_DEFINITIONS), None)
        if defn is None:
            return
        call = defn.decorator if isinstance(defn.decorator, cst.Call) else None
        for stmt in node.body.body:
            if isinstance(stmt, cst.FunctionDef) and any(_decorator_name(ctx, d) in WORKFLOW_RUNS for d in stmt.decorators):
                ctx.add_task_name(_registered_name(ctx, call, node.name.value), f"{qualname}.{stmt.name.value}")
                note = (f"Temporal workflow {node.name.value}: a worker runs it when a client starts it"
                        " (its starter is not in the scan)")
                ctx.add_trigger(Trigger(kind="near-real-time", source="worker-task", weak=True, note=note,
                                        target=["name", f"{qualname}.{stmt.name.value}"], line=ctx.line(defn)))


def _decorator_name(ctx: "Context", dec: cst.Decorator) -> Optional[str]:
    return ctx.qualified(dec.decorator.func if isinstance(dec.decorator, cst.Call) else dec.decorator)


def _registered_name(ctx: "Context", call: Optional[cst.Call], default: str) -> str:
    """The ``name=`` a ``defn(...)`` gives (a literal or module constant), else the definition's own name."""
    given = ctx.literal(kwarg(call, "name")) if call is not None else None
    return given if isinstance(given, str) and given else default


def _class_assignments(node: cst.ClassDef) -> List[Tuple[str, cst.BaseExpression, cst.CSTNode]]:
    """``name = value`` and ``name: T = value`` lines of a class body: (name, value, line)."""
    found: List[Tuple[str, cst.BaseExpression, cst.CSTNode]] = []
    for stmt in node.body.body:
        small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) and stmt.body else None
        if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
            found.append((small.targets[0].target.value, small.value, stmt))
        elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and small.value is not None:
            found.append((small.target.value, small.value, stmt))
    return found


RECOGNIZERS = [TaskWorkers()]
