"""APScheduler (and Flask-APScheduler / django-apscheduler, which wrap it).

``add_job`` / ``add_schedule`` / ``@scheduled_job`` on a scheduler instance: the instance is
rarely resolvable, so a call counts when the file imports APScheduler or its trigger
argument has APScheduler's shape ("cron"/"interval"/"date" or a ``*Trigger``). A "date"
trigger or no trigger runs the job once, in the background: near-real-time, not a schedule.
"""
from __future__ import annotations

from typing import List, Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog import schedule_words
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import (
    UNKNOWN,
    callable_target,
    compact,
    cron_words,
    imports_any,
    known,
    last_name,
    literal_kwargs,
    resolve,
    scheduled,
)
from llm_latency_lint.model import Expr
from llm_latency_lint.syntax.literals import arg, kwarg, literal, positional

SOURCE = "apscheduler"
ROOTS = ("apscheduler", "flask_apscheduler", "django_apscheduler")
CRON_FIELDS = ("year", "month", "day", "week", "day_of_week", "hour", "minute", "second")
INTERVAL_FIELDS = ("weeks", "days", "hours", "minutes", "seconds")
CALENDAR_FIELDS = ("years", "months", "weeks", "days")
# trigger alias or class -> kind of trigger
TRIGGER_ALIASES = {"cron": "cron", "interval": "interval", "date": "date", "calendarinterval": "calendar"}
TRIGGER_CLASSES = {
    "CronTrigger": "cron", "IntervalTrigger": "interval", "DateTrigger": "date",
    "CalendarIntervalTrigger": "calendar", "OrTrigger": "combined", "AndTrigger": "combined",
}
JOB_METHODS = ("add_job", "add_schedule")


class APScheduler(Recognizer):
    id = "apscheduler"
    words = ("apscheduler", "add_job", "add_schedule", "scheduled_job")

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if "JOBS" in targets:
            self._config_jobs(ctx, resolve(ctx, self, value))

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        method = last_name(node.func)
        if method not in JOB_METHODS or not isinstance(node.func, cst.Attribute):
            return
        target_node = kwarg(node, "func")
        if target_node is None:
            target_node = kwarg(node, "func_or_task_id")
        trigger = kwarg(node, "trigger")
        if target_node is None:
            first, second = positional(node, 0), positional(node, 1)
            # Flask-APScheduler spells it add_job(id, func, trigger=..., ...)
            flask_style = (
                ctx.imports("flask_apscheduler") and isinstance(first, cst.SimpleString) and second is not None
            )
            target_node = second if flask_style else first
            if trigger is None and not flask_style:
                trigger = positional(node, 1)
        elif trigger is None:
            trigger = positional(node, 0)
        trigger = resolve(ctx, self, trigger)
        kind = self._kind(ctx, trigger)
        if not (imports_any(ctx, ROOTS) or kind not in (None, "unknown")):
            return
        self._record(ctx, node, trigger, kind, node, callable_target(ctx, target_node))

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            if dec.call is None or dec.attr not in ("scheduled_job", "task"):
                continue
            trigger = resolve(ctx, self, arg(dec.call, "trigger", 0))
            kind = self._kind(ctx, trigger)
            if dec.attr == "task" and kind in (None, "unknown"):
                continue  # a Celery/Huey task, not Flask-APScheduler's @scheduler.task("cron", ...)
            if not (imports_any(ctx, ROOTS) or kind not in (None, "unknown")):
                continue
            self._record(ctx, dec.call, trigger, kind, dec.node, ["name", qualname])

    # ---- one job ---------------------------------------------------------------------
    def _record(
        self, ctx: "Context", call: cst.Call, trigger: Optional[cst.BaseExpression], kind: Optional[str],
        where: cst.CSTNode, target: Optional[Expr],
    ) -> None:
        code = compact(ctx, where.decorator if isinstance(where, cst.Decorator) else call)
        code = f"@{code}" if isinstance(where, cst.Decorator) else code
        if kind in (None, "date") and isinstance(where, cst.Call) and _handed_off(ctx, call):
            return  # a run-once job a function adds: a hand-off of its callers' work (``queues.HANDOFF_CALLS``)
        if kind in (None, "date"):
            note, words, trigger_kind = f"{code} runs once: not a schedule", None, "near-real-time"
        else:
            note, words, trigger_kind = code, self._words(ctx, trigger, kind, call), "scheduled"
        scheduled(ctx, SOURCE, target, where, note, words, kind=trigger_kind)
        for wrapped in self._wrapped(ctx, call):
            scheduled(ctx, SOURCE, wrapped, where, f"{note} (passed in args)", words, kind=trigger_kind)

    def _wrapped(self, ctx: "Context", call: cst.Call) -> List[Expr]:
        """Callables handed to the job in ``args=[...]`` / ``kwargs={...}``: they run too."""
        found: List[Expr] = []
        args, kwargs = resolve(ctx, self, kwarg(call, "args")), resolve(ctx, self, kwarg(call, "kwargs"))
        nodes = [e.value for e in args.elements] if isinstance(args, (cst.List, cst.Tuple)) else []
        if isinstance(kwargs, cst.Dict):
            nodes += [e.value for e in kwargs.elements if isinstance(e, cst.DictElement)]
        for node in nodes:
            if isinstance(node, (cst.Name, cst.Attribute)):
                expr = ctx.expr(node)
                if expr[0] == "name":
                    found.append(expr)
        return found

    def _kind(self, ctx: "Context", trigger: Optional[cst.BaseExpression]) -> Optional[str]:
        """"cron", "interval", "date", ... for a trigger argument; None when there is none."""
        if trigger is None or (isinstance(trigger, cst.Name) and trigger.value == "None"):
            return None
        if isinstance(trigger, (cst.SimpleString, cst.ConcatenatedString)):
            return TRIGGER_ALIASES.get(str(trigger.evaluated_value), "unknown")
        if isinstance(trigger, cst.Call):
            name = last_name(trigger)
            return "crontab" if name == "from_crontab" else TRIGGER_CLASSES.get(name, "unknown")
        expr = ctx.expr(trigger)  # a local bound to CronTrigger(...): the kind, not the fields
        if expr[0] == "call" and expr[1][0] == "name":
            name = str(expr[1][1]).rsplit(".", 1)[-1]
            return "crontab" if name == "from_crontab" else TRIGGER_CLASSES.get(name, "unknown")
        return "unknown"

    def _words(
        self, ctx: "Context", trigger: Optional[cst.BaseExpression], kind: Optional[str], call: cst.Call
    ) -> Optional[str]:
        """Words for a trigger object, or for an alias whose fields are the call's keywords."""
        if trigger is None or not isinstance(trigger, (cst.Call, cst.SimpleString, cst.ConcatenatedString)):
            return None  # a trigger bound to a local: its fields are not the call's keywords
        source = trigger if isinstance(trigger, cst.Call) else call
        if kind == "cron":
            values = literal_kwargs(ctx, self, source, CRON_FIELDS)
            return schedule_words.apscheduler_cron(values) if known(values) else None
        if kind == "crontab" and isinstance(trigger, cst.Call):
            return cron_words(ctx, self, positional(trigger, 0))
        if kind == "interval":
            values = literal_kwargs(ctx, self, source, INTERVAL_FIELDS)
            seconds = schedule_words.duration_seconds(values) if known(values) else None
            return schedule_words.interval(seconds) if seconds else None
        if kind == "calendar":
            values = literal_kwargs(ctx, self, source, CALENDAR_FIELDS)
            return schedule_words.describe_period(values) if known(values) and values else None
        return None

    # ---- Flask-APScheduler JOBS config -----------------------------------------------
    def _config_jobs(self, ctx: "Context", node: Optional[cst.BaseExpression]) -> None:
        """``JOBS = [{"id": ..., "func": "pkg.mod:fn", "trigger": "cron", "hour": 2}]``."""
        if not isinstance(node, (cst.List, cst.Tuple)):
            return
        for element in node.elements:
            job = element.value
            if not isinstance(job, cst.Dict):
                continue
            fields = {
                e.key.evaluated_value: e.value for e in job.elements
                if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
            }
            trigger, func = fields.get("trigger"), fields.get("func")
            kind = self._kind(ctx, trigger)
            if func is None or kind in (None, "unknown"):
                continue
            values = {k: ctx.literal(v) for k, v in fields.items() if k in CRON_FIELDS + INTERVAL_FIELDS}
            values = {k: (UNKNOWN if v is None else v) for k, v in values.items()}
            words = _config_words(kind, values)
            job_id = ctx.literal(fields.get("id"))
            label = f"JOBS '{job_id}'" if isinstance(job_id, str) else "JOBS"
            note = f"{label} {kind} " + " ".join(f"{k}={v!r}" for k, v in values.items() if v is not UNKNOWN)
            kind_of = "near-real-time" if kind == "date" else "scheduled"
            scheduled(ctx, SOURCE, callable_target(ctx, func), job, note.strip(), words, kind=kind_of)


def _config_words(kind: str, values: dict) -> Optional[str]:
    if not known(values):
        return None
    if kind == "cron":
        return schedule_words.apscheduler_cron(values)
    if kind == "interval":
        seconds = schedule_words.duration_seconds(values)
        return schedule_words.interval(seconds) if seconds else None
    return None


RECOGNIZERS = [APScheduler()]


def _handed_off(ctx: "Context", call: cst.Call) -> bool:
    """Is ``add_job(f[, "date", ...])`` inside a function the facts pass's hand-off (``facts/handoffs.py``:
    ``run_once``, the same literal test) rather than a trigger?"""
    trigger = kwarg(call, "trigger") or positional(call, 1)
    return not ctx.function.endswith(".<module>") and ctx.imports("apscheduler") \
        and (trigger is None or literal(trigger) == "date") \
        and isinstance(kwarg(call, "func") or positional(call, 0), (cst.Name, cst.Attribute))

