"""Huey periodic tasks: ``@huey.periodic_task(crontab(...))`` and Django's ``@db_periodic_task``.

A plain ``@huey.task()`` is queued work, not a schedule, and gets no trigger here.
"""
from __future__ import annotations

from typing import Sequence

import libcst as cst

from llm_latency_lint.catalog import schedule_words
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import (
    compact,
    known,
    last_name,
    literal_kwargs,
    resolve,
    scheduled,
)
from llm_latency_lint.syntax.literals import arg, kwarg

SOURCE = "huey"
PERIODIC = frozenset({"periodic_task", "db_periodic_task"})
CRONTAB_ORDER = ("minute", "hour", "day", "month", "day_of_week")


class Huey(Recognizer):
    id = "huey"
    words = ("huey", "periodic_task")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            if dec.attr not in PERIODIC or dec.call is None or kwarg(dec.call, "run_every") is not None:
                continue  # run_every= is Celery's old @periodic_task
            schedule = resolve(ctx, self, arg(dec.call, "validate_datetime", 0))
            is_crontab = isinstance(schedule, cst.Call) and last_name(schedule) == "crontab"
            if not ((dec.name or "").startswith("huey") or ctx.imports("huey") or is_crontab):
                continue
            words = None
            if is_crontab and isinstance(schedule, cst.Call):
                values = literal_kwargs(ctx, self, schedule, CRONTAB_ORDER, CRONTAB_ORDER)
                words = schedule_words.huey_crontab(values) if known(values) else None
            first = arg(dec.call, "validate_datetime", 0)
            code = compact(ctx, first) if first is not None else ""
            scheduled(ctx, SOURCE, ["name", qualname], dec.node, f"@{dec.attr}({code})", words)


RECOGNIZERS = [Huey()]
