"""Periodic jobs of the smaller scheduling libraries, as data (survey12a).

Each declares its cadence where the job is defined, so the declaration is the schedule:

- a decorator on the job: fastapi-utils / fastapi-restful ``@repeat_every(seconds=3600)`` (usually
  under ``@app.on_event("startup")``, which only starts the loop), fastapi-utilities
  ``@repeat_every(seconds=...)`` / ``@repeat_at(cron="0 7 * * *")``, aiocron
  ``@aiocron.crontab("0 9 * * *")`` (also ``aiocron.crontab(spec, func=job)``), and a method of a
  scheduler object: timeloop's ``@tl.job(interval=timedelta(hours=1))`` on ``tl = Timeloop()``;
- a class: django-cron's ``CronJobBase`` subclass, whose ``schedule = Schedule(run_every_mins=60)``
  (or ``run_at_times=["06:00"]``) runs its ``do`` method;
- a setting: django-crontab's ``CRONJOBS = [("0 6 * * *", "news.cron.summarize_all"), ...]``, each
  entry a cron line and the dotted path of the function crontab runs.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog import schedule_words
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import (
    callable_target,
    compact,
    cron_words,
    interval_words,
    last_name,
    resolve,
    scheduled,
)
from llm_latency_lint.syntax.literals import kwarg, positional


@dataclass(frozen=True)
class Periodic:
    """Where a library's decorator (or call) keeps the cadence and the job."""

    source: str
    interval: Sequence[str] = ()  # keywords giving seconds or a ``timedelta``
    cron: Sequence[str] = ()  # keywords giving a cron string
    cron_position: Optional[int] = None  # a positional cron string
    job_keyword: str = ""  # the call form's job (``func=``); the decorator form's job is what it decorates


_REPEAT_EVERY = Periodic("fastapi-repeat", interval=("seconds",))
DECORATORS = {
    "fastapi_utils.tasks.repeat_every": _REPEAT_EVERY,
    "fastapi_restful.tasks.repeat_every": _REPEAT_EVERY,
    "fastapi_utilities.repeat_every": _REPEAT_EVERY,
    "fastapi_utilities.repeat.repeat_every": _REPEAT_EVERY,
    "fastapi_utilities.repeat_at": Periodic("fastapi-repeat", cron=("cron",)),
    "fastapi_utilities.repeat.repeat_at": Periodic("fastapi-repeat", cron=("cron",)),
    "aiocron.crontab": Periodic("aiocron", cron=("spec",), cron_position=0, job_keyword="func"),
}
# Scheduler objects whose method decorates a job: (the object's class, the method).
OBJECT_DECORATORS = {
    ("timeloop.Timeloop", "job"): Periodic("timeloop", interval=("interval",)),
}
CRON_CLASS_BASES = frozenset({"django_cron.CronJobBase", "django_cron.core.CronJobBase"})
CRON_CLASS_METHOD = "do"
CRONJOBS_SETTING = "CRONJOBS"


class PeriodicLibs(Recognizer):
    id = "periodic-libs"
    words = ("repeat_every", "repeat_at", "aiocron", "Timeloop", "CronJobBase", CRONJOBS_SETTING)

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            spec = self._spec(ctx, dec.node.decorator)
            if spec is not None:
                words = self._words(ctx, spec, dec.call)
                code = compact(ctx, dec.node.decorator)
                scheduled(ctx, spec.source, ["name", qualname], dec.node, f"@{code} -> {node.name.value}", words)

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        spec = DECORATORS.get(callee or "")
        if spec is None or not spec.job_keyword:
            return
        target = callable_target(ctx, kwarg(node, spec.job_keyword))
        scheduled(ctx, spec.source, target, node, compact(ctx, node), self._words(ctx, spec, node))

    def on_class(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        if not any(base in CRON_CLASS_BASES for base in bases):
            return
        for value in _class_values(node, "schedule"):
            if isinstance(value, cst.Call) and last_name(value) == "Schedule":
                scheduled(ctx, "django-cron", ["name", f"{qualname}.{CRON_CLASS_METHOD}"], value,
                          f"django-cron {node.name.value}.schedule = {compact(ctx, value)}", _cron_class_words(ctx, self, value))
                return

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if not any(t.rsplit(".", 1)[-1] == CRONJOBS_SETTING for t in targets):
            return
        for element in value.elements if isinstance(value, (cst.List, cst.Tuple)) else ():
            entry = element.value
            if not isinstance(entry, (cst.Tuple, cst.List)) or len(entry.elements) < 2:
                continue
            cron, path = (ctx.literal(e.value) for e in entry.elements[:2])
            if isinstance(cron, str) and isinstance(path, str) and "." in path:
                note = f"django-crontab CRONJOBS ('{cron}', '{path}')"
                scheduled(ctx, "django-crontab", ["str", path], entry, note, schedule_words.describe_cron(cron))

    # ---- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _spec(ctx: "Context", decorator: cst.BaseExpression) -> Optional[Periodic]:
        func = decorator.func if isinstance(decorator, cst.Call) else decorator
        spec = DECORATORS.get(ctx.qualified(func) or "")
        if spec is not None or not isinstance(func, cst.Attribute) or not isinstance(func.value, cst.Name):
            return spec
        made = ctx.module_value(func.value.value)  # ``tl = Timeloop()`` at module level
        maker = ctx.qualified(made.func) if isinstance(made, cst.Call) else None
        return OBJECT_DECORATORS.get((maker or "", func.attr.value))

    def _words(self, ctx: "Context", spec: Periodic, call: Optional[cst.Call]) -> Optional[str]:
        if call is None:
            return None
        for key in spec.interval:
            words = interval_words(ctx, self, kwarg(call, key))
            if words:
                return words
        crons = [kwarg(call, key) for key in spec.cron]
        if spec.cron_position is not None:
            crons.append(positional(call, spec.cron_position))
        return next((w for w in (cron_words(ctx, self, c) for c in crons if c is not None) if w), None)


def _class_values(node: cst.ClassDef, name: str) -> List[cst.BaseExpression]:
    """Values assigned to ``name`` in the class body."""
    found: List[cst.BaseExpression] = []
    for statement in node.body.body:
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign) and any(
                    isinstance(t.target, cst.Name) and t.target.value == name for t in small.targets):
                found.append(small.value)
    return found


def _cron_class_words(ctx: "Context", owner: Recognizer, call: cst.Call) -> Optional[str]:
    """``Schedule(run_every_mins=60)`` -> hourly; ``run_at_times=["06:00"]`` -> daily 06:00."""
    minutes = ctx.literal(resolve(ctx, owner, kwarg(call, "run_every_mins")))
    if isinstance(minutes, (int, float)) and not isinstance(minutes, bool) and minutes > 0:
        return schedule_words.interval(minutes * 60)
    times = ctx.literal(resolve(ctx, owner, kwarg(call, "run_at_times")))
    if isinstance(times, list) and times and all(isinstance(t, str) for t in times):
        return "daily " + ", ".join(times)
    return None


RECOGNIZERS = [PeriodicLibs()]
