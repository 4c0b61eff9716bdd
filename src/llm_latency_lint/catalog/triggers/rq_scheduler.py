"""rq-scheduler (and django-rq's ``get_scheduler()``): ``scheduler.cron(...)`` and
``scheduler.schedule(..., interval=...)`` repeat; ``enqueue_at`` / ``enqueue_in`` and a
``schedule`` without ``interval`` run once later: near-real-time, not a schedule.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import (
    callable_target,
    compact,
    cron_words,
    imports_any,
    interval_words,
    last_name,
    scheduled,
)
from llm_latency_lint.syntax.literals import arg, kwarg

SOURCE = "rq-scheduler"
ROOTS = ("rq_scheduler", "django_rq")
ONE_SHOT = {"enqueue_at": 1, "enqueue_in": 1}  # method -> index of the function argument


class RqScheduler(Recognizer):
    id = "rq-scheduler"
    words = ("rq_scheduler", "django_rq", "enqueue_in", "enqueue_at")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        method = last_name(node)
        if not isinstance(node.func, cst.Attribute) or method not in ("cron", "schedule", *ONE_SHOT):
            return
        if not (imports_any(ctx, ROOTS) or (method in ONE_SHOT and ctx.imports("rq"))):
            return
        if method == "cron":
            cron = arg(node, "cron_string", 0)
            target = callable_target(ctx, arg(node, "func", 1))
            scheduled(ctx, SOURCE, target, node, f"scheduler.cron({compact(ctx, cron)})" if cron else "scheduler.cron",
                      cron_words(ctx, self, cron))
        elif method == "schedule":
            target = callable_target(ctx, arg(node, "func", 1))
            every = kwarg(node, "interval")
            if every is None:
                scheduled(ctx, SOURCE, target, node, "scheduler.schedule() without interval: runs once", None,
                          kind="near-real-time")
            else:
                scheduled(ctx, SOURCE, target, node, f"scheduler.schedule(interval={compact(ctx, every)})",
                          interval_words(ctx, self, every))
        else:
            target = callable_target(ctx, arg(node, "func", ONE_SHOT[method]))
            scheduled(ctx, SOURCE, target, node, f".{method}() runs once later", None, kind="near-real-time")


RECOGNIZERS = [RqScheduler()]
