"""Django Q (django-q / django-q2) schedules and queued tasks.

- ``Schedule.objects.create(func="app.tasks.digest", schedule_type=Schedule.DAILY)`` (also
  ``update_or_create`` / ``get_or_create``, fields in ``defaults={...}``) and
  ``django_q.tasks.schedule("app.tasks.digest", schedule_type=Schedule.DAILY)``: the cluster's
  scheduler runs the function: scheduled (``Schedule.ONCE``: one run later, near-real-time).
  Words from the type: ``MINUTES`` (with ``minutes=``), ``HOURLY`` ... ``YEARLY``, ``CRON``
  (with ``cron=``). Often written by a migration or a data command: that code does not make
  the function real-time, the scheduler runs it.
- ``async_task("app.tasks.enrich", ...)`` / ``async_task(enrich, ...)``: a queue edge, like
  Celery's ``.delay``.
"""
from __future__ import annotations

from typing import Dict, Optional

import libcst as cst

from llm_latency_lint.catalog.schedule_words import describe_cron, interval
from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import (
    callable_target,
    row_fields,
    scheduled,
)
from llm_latency_lint.model import CallRef
from llm_latency_lint.syntax.literals import kwarg, positional

SOURCE = "django-q-schedule"
ROOTS = ("django_q",)
SCHEDULE_FUNCTIONS = frozenset({"django_q.tasks.schedule"})
QUEUE_FUNCTIONS = frozenset({"django_q.tasks.async_task"})
TYPES: Dict[str, Optional[str]] = {"HOURLY": "hourly", "DAILY": "daily", "WEEKLY": "weekly", "MONTHLY": "monthly",
                                   "QUARTERLY": "quarterly", "YEARLY": "yearly", "MINUTES": None, "CRON": None,
                                   "ONCE": None}
FIELDS = ("func", "schedule_type", "minutes", "cron")


class DjangoQ(Recognizer):
    id = SOURCE
    words = ("django_q",)

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if callee in QUEUE_FUNCTIONS:
            target = callable_target(ctx, positional(node, 0) or kwarg(node, "func"))
            if target is not None:
                ctx.add_call(CallRef(target, ctx.line(node), 0, kind="queue", note="django-q async_task"))
            return
        if callee in SCHEDULE_FUNCTIONS:
            fields: Dict[str, Optional[cst.BaseExpression]] = {f: kwarg(node, f) for f in FIELDS if kwarg(node, f) is not None}
            fields.setdefault("func", positional(node, 0))
        else:
            written = row_fields(ctx, node, "Schedule", ROOTS, FIELDS)
            if written is None:
                return
            fields = dict(written)
        kind_node = fields.get("schedule_type")
        kind = kind_node.attr.value if isinstance(kind_node, cst.Attribute) else ctx.literal(kind_node)
        kind = {"H": "HOURLY", "D": "DAILY", "W": "WEEKLY", "M": "MONTHLY", "Q": "QUARTERLY", "Y": "YEARLY",
                "I": "MINUTES", "C": "CRON", "O": "ONCE"}.get(kind, kind) if isinstance(kind, str) else None
        words = TYPES.get(kind) if kind else None
        minutes = ctx.literal(fields.get("minutes"))
        cron = ctx.literal(fields.get("cron"))
        if kind == "MINUTES" and isinstance(minutes, int) and not isinstance(minutes, bool):
            words = interval(60.0 * minutes)
        elif kind == "CRON" and isinstance(cron, str):
            words = describe_cron(cron)
        note = f"django-q Schedule ({kind or 'schedule_type unknown'}) for the cluster's scheduler"
        scheduled(ctx, SOURCE, callable_target(ctx, fields.get("func")), node, note, words,
                  kind="near-real-time" if kind == "ONCE" else "scheduled")


RECOGNIZERS = [DjangoQ()]
