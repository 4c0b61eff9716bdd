"""django-celery-beat schedules stored in the database at run time.

``PeriodicTask.objects.create(task="app.tasks.remind", crontab=..., interval=...)`` (also
``update_or_create`` / ``get_or_create`` with the fields in ``defaults={...}``, and
``PeriodicTask(task=...).save()``) writes a schedule that celery beat's ``DatabaseScheduler``
runs: the named task is scheduled. The row is written by whatever code calls this (often a
view a person drives), which does not make the task itself real-time: beat runs it later.
The task is usually a string (a constant, or a helper's parameter the graph follows to what
callers pass); ``clocked=`` is one run at a set time, still started by beat, not by a person.
"""
from __future__ import annotations

from typing import Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import (
    call_fields,
    callable_target,
    is_under,
    last_name,
    row_fields,
    scheduled,
)
from llm_latency_lint.model import Expr

SOURCE = "celery-beat-db"
ROOTS = ("django_celery_beat",)
SCHEDULE_FIELDS = ("crontab", "interval", "clocked", "solar")


class CeleryBeatDatabase(Recognizer):
    id = SOURCE
    words = ("PeriodicTask",)

    def on_function(self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]) -> None:
        params = [p.name.value for p in (*node.params.posonly_params, *node.params.params, *node.params.kwonly_params)]
        offset = 1 if params[:1] in (["self"], ["cls"]) else 0
        ctx.state(self)[qualname] = {name: index - offset for index, name in enumerate(params)}

    def _target(self, ctx: "Context", task: Optional[cst.BaseExpression]) -> Optional[Expr]:
        """A helper's parameter (``def schedule(task_name: str): PeriodicTask.objects.create(
        task=task_name)``) is what its callers pass, whatever its annotation says."""
        if isinstance(task, cst.Name):
            index = ctx.state(self).get(ctx.function, {}).get(task.value)
            if index is not None and index >= 0:
                return ["param", ctx.function, task.value, index]
        return callable_target(ctx, task)

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        names = ("task", *SCHEDULE_FIELDS)
        fields = row_fields(ctx, node, "PeriodicTask", ROOTS, names)
        if fields is None:
            if not (last_name(node.func) == "PeriodicTask" and is_under(ctx, node.func, ROOTS)):
                return  # ``PeriodicTask(task=..., crontab=...)`` is saved later: a row all the same
            fields = call_fields(ctx, node, names)
        how = ", ".join(f"{f}=" for f in SCHEDULE_FIELDS if f in fields)
        scheduled(ctx, SOURCE, self._target(ctx, fields.get("task")), node,
                  f"django-celery-beat PeriodicTask{f' ({how})' if how else ''} stored for beat's DatabaseScheduler",
                  None)

RECOGNIZERS = [CeleryBeatDatabase()]
