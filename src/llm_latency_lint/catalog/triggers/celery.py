"""Celery: beat schedules, periodic tasks, and the names tasks are registered under.

Beat entries usually live in a settings or ``celery.py`` file that does not import the task
module, so an entry's target is its ``"task"`` string; the graph resolves it through the
names recorded here with ``ctx.add_task_name`` (Celery's default ``"<module>.<function>"``
and any explicit ``name=``).
"""
from __future__ import annotations

from typing import Dict, List, Mapping, Optional, Sequence, Set, Tuple

import libcst as cst

from llm_latency_lint.catalog import schedule_words
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import (
    callable_target,
    compact,
    interval_words,
    known,
    last_name,
    literal_kwargs,
    receiver,
    resolve,
    scheduled,
)
from llm_latency_lint.model import Expr, Trigger
from llm_latency_lint.syntax.literals import arg, kwarg, positional

SOURCE = "celery-beat"
TASK_SOURCE = "celery-task"  # counts only where a worker command runs (``catalog/worker_commands.py``)
BEAT_NAMES = frozenset({"beat_schedule", "CELERY_BEAT_SCHEDULE", "CELERYBEAT_SCHEDULE"})
SIGNATURE_METHODS = frozenset({"s", "si", "signature"})
TASK_DECORATORS = frozenset({"celery.shared_task", "celery.task", "celery.decorators.task", "celery.task.task"})
PERIODIC_DECORATORS = frozenset({"celery.decorators.periodic_task", "celery.task.periodic_task"})
# ``@x.task`` of these is not a Celery task.
OTHER_TASK_ROOTS = ("huey", "taskiq", "prefect", "airflow", "dagster", "flask_apscheduler", "invoke", "procrastinate")
CRONTAB_ORDER = ("minute", "hour", "day_of_week", "day_of_month", "month_of_year")

Bindings = Mapping[str, cst.BaseExpression]


class CeleryBeat(Recognizer):
    """``beat_schedule`` dicts, ``add_periodic_task`` calls and ``@periodic_task``."""

    id = "celery-beat"
    words = ("beat_schedule", "BEAT_SCHEDULE", "add_periodic_task", "periodic_task")

    # ---- collecting ------------------------------------------------------------------
    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        nodes = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [getattr(node, "target", None)]
        for target in nodes:
            if isinstance(target, cst.Subscript) and last_name(target.value) in BEAT_NAMES:
                name = _subscript_key(ctx, target)
                if name is not None:
                    self._pending(ctx).append((last_name(target.value), ("entry", name, target), value))
            elif last_name(target) in BEAT_NAMES:
                self._pending(ctx).append((last_name(target), None, value))

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        method = last_name(node.func)
        if method == "update" and isinstance(node.func, cst.Attribute):
            if last_name(receiver(node)) in BEAT_NAMES and positional(node, 0) is not None:
                self._pending(ctx).append((last_name(receiver(node)), None, positional(node, 0)))
            for item in node.args:
                if item.keyword is not None and item.keyword.value in BEAT_NAMES:
                    self._pending(ctx).append((item.keyword.value, None, item.value))
        elif method == "add_periodic_task":
            self._periodic_call(ctx, node)

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            periodic = dec.name in PERIODIC_DECORATORS or (
                dec.attr == "periodic_task" and dec.call is not None and kwarg(dec.call, "run_every") is not None
            )
            if not periodic or dec.call is None:
                continue
            every = kwarg(dec.call, "run_every")
            words, code = self.describe(ctx, every)
            scheduled(ctx, SOURCE, ["name", qualname], dec.node, f"@periodic_task run_every={code}", words)

    def on_module_end(self, ctx: "Context") -> None:
        seen: Set[Tuple[int, str]] = set()
        for label, entry, value in self._pending(ctx):
            if entry is not None:
                self._entry(ctx, label, entry[1], entry[2], value, {}, seen)
            else:
                self._entries(ctx, label, value, {}, seen, depth=0)

    def _pending(self, ctx: "Context") -> list:
        return ctx.state(self).setdefault("pending", [])

    # ---- beat dicts ------------------------------------------------------------------
    def _entries(
        self, ctx: "Context", label: str, node: Optional[cst.BaseExpression], bindings: Bindings,
        seen: Set[Tuple[int, str]], depth: int,
    ) -> None:
        node = resolve(ctx, self, node, bindings)
        if node is None or depth > 5:
            return
        if isinstance(node, cst.Dict):
            for element in node.elements:
                if isinstance(element, cst.StarredDictElement):
                    self._entries(ctx, label, element.value, bindings, seen, depth + 1)
                    continue
                key = resolve(ctx, self, element.key, bindings) if isinstance(element, cst.DictElement) else None
                name = ctx.literal(key)
                if isinstance(name, str) and key is not None:
                    self._entry(ctx, label, name, key, element.value, bindings, seen)
        elif isinstance(node, cst.DictComp):
            for inner in _comprehension_bindings(ctx, self, node, bindings):
                key = resolve(ctx, self, node.key, inner)
                name = ctx.literal(key)
                if isinstance(name, str) and key is not None:
                    self._entry(ctx, label, name, key, node.value, inner, seen)
        elif isinstance(node, cst.Call) and last_name(node) == "dict":
            for item in node.args:
                if item.star == "**":
                    self._entries(ctx, label, item.value, bindings, seen, depth + 1)
                elif item.keyword is not None:
                    self._entry(ctx, label, item.keyword.value, item.keyword, item.value, bindings, seen)
        elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
            self._entries(ctx, label, node.left, bindings, seen, depth + 1)
            self._entries(ctx, label, node.right, bindings, seen, depth + 1)

    def _entry(
        self, ctx: "Context", label: str, name: str, where: cst.CSTNode, value: cst.BaseExpression,
        bindings: Bindings, seen: Set[Tuple[int, str]],
    ) -> None:
        fields = _fields(resolve(ctx, self, value, bindings))
        if fields is None or (id(where), name) in seen:
            return
        seen.add((id(where), name))
        target = self._task_target(ctx, resolve(ctx, self, fields.get("task"), bindings))
        schedule = resolve(ctx, self, fields.get("schedule"), bindings)
        words, code = self.describe(ctx, schedule)
        note = f"{label} '{name}' {code}" if code else f"{label} '{name}'"
        scheduled(ctx, SOURCE, target, where, note, words)

    def _task_target(self, ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[Expr]:
        value = ctx.literal(node)
        if isinstance(value, str):
            return ["str", value] if value else None
        if isinstance(node, cst.Attribute) and node.attr.value == "name":
            return callable_target(ctx, node.value)  # "task": nightly_report.name
        return None

    # ---- add_periodic_task -----------------------------------------------------------
    def _periodic_call(self, ctx: "Context", node: cst.Call) -> None:
        target = signature_target(ctx, resolve(ctx, self, arg(node, "sig", 1)))
        words, code = self.describe(ctx, arg(node, "schedule", 0))
        name = ctx.literal(kwarg(node, "name"))
        label = f"add_periodic_task '{name}'" if isinstance(name, str) else "add_periodic_task"
        scheduled(ctx, SOURCE, target, node, f"{label} {code}".strip(), words)

    # ---- schedules -------------------------------------------------------------------
    def describe(self, ctx: "Context", node: Optional[cst.BaseExpression]) -> Tuple[Optional[str], str]:
        """(words, code) for a beat schedule value: crontab, timedelta, seconds, solar."""
        if node is None:
            return None, ""
        code = compact(ctx, node)
        return celery_schedule_words(ctx, self, resolve(ctx, self, node)), code


def celery_schedule_words(ctx: "Context", owner: Recognizer, node: Optional[cst.BaseExpression]) -> Optional[str]:
    if not isinstance(node, cst.Call):
        return interval_words(ctx, owner, node)
    name = last_name(node)
    if name == "crontab":
        values = literal_kwargs(ctx, owner, node, CRONTAB_ORDER, CRONTAB_ORDER)
        return schedule_words.celery_crontab(values) if known(values) else None
    if name == "from_string" and last_name(receiver(node)) == "crontab":
        cron = ctx.literal(positional(node, 0))
        return schedule_words.describe_cron(cron) if isinstance(cron, str) else None
    if name == "schedule":
        return interval_words(ctx, owner, arg(node, "run_every", 0))
    if name == "solar":
        event = ctx.literal(arg(node, "event", 0))
        return f"solar {event}" if isinstance(event, str) else None
    return interval_words(ctx, owner, node)


def signature_target(ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[Expr]:
    """The task a Celery signature names: ``fn.s(...)``, ``fn.si()``, ``signature("name")``."""
    if node is None:
        return None
    if isinstance(node, cst.Call):
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in SIGNATURE_METHODS:
            return callable_target(ctx, node.func.value)
        if last_name(node) in ("signature", "Signature"):
            return callable_target(ctx, arg(node, "varies", 0))
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        return callable_target(ctx, node)
    return unwrap_signature(ctx.expr(node))


def unwrap_signature(expr: Expr) -> Optional[Expr]:
    """``["call", ["name", "m.fn.s"], _]`` -> ``["name", "m.fn"]`` (a signature bound to a name)."""
    if expr and expr[0] == "call":
        inner = expr[1]
        if inner[0] == "attr" and inner[2] in SIGNATURE_METHODS:
            return inner[1]
        if inner[0] == "name":
            base, _, method = str(inner[1]).rpartition(".")
            if method in SIGNATURE_METHODS and base:
                return ["name", base]
    return None


def _subscript_key(ctx: "Context", node: cst.Subscript) -> Optional[str]:
    if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        value = ctx.literal(node.slice[0].slice.value)
        return value if isinstance(value, str) else None
    return None


def _fields(node: Optional[cst.BaseExpression]) -> Optional[Dict[str, cst.BaseExpression]]:
    """The ``{"task": ..., "schedule": ...}`` of one beat entry (a dict display or ``dict(...)``)."""
    found: Dict[str, cst.BaseExpression] = {}
    if isinstance(node, cst.Dict):
        for element in node.elements:
            if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
                key = element.key.evaluated_value
                if isinstance(key, str):
                    found[key] = element.value
    elif isinstance(node, cst.Call) and last_name(node) == "dict":
        found = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
    else:
        return None
    return found if "task" in found else None


def _comprehension_bindings(
    ctx: "Context", owner: Recognizer, node: cst.DictComp, outer: Bindings
) -> List[Dict[str, cst.BaseExpression]]:
    """``{n: {...} for n, task, when in SETTINGS}`` over a literal list of tuples: one binding each."""
    loop = node.for_in
    if loop.inner_for_in is not None or loop.ifs:
        return []
    names = _target_names(loop.target)
    rows = resolve(ctx, owner, loop.iter, outer)
    if isinstance(rows, cst.Call) and last_name(rows) == "items" and isinstance(rows.func, cst.Attribute):
        rows = resolve(ctx, owner, rows.func.value, outer)  # {k: v for k, v in OTHER.items()}
        if isinstance(rows, cst.Dict) and len(names) == 2:
            return [
                {**outer, names[0]: e.key, names[1]: e.value}
                for e in rows.elements if isinstance(e, cst.DictElement)
            ]
        return []
    if not names or not isinstance(rows, (cst.List, cst.Tuple)):
        return []
    found: List[Dict[str, cst.BaseExpression]] = []
    for element in rows.elements:
        row = element.value
        if len(names) == 1:
            found.append({**outer, names[0]: row})
        elif isinstance(row, (cst.Tuple, cst.List)) and len(row.elements) == len(names):
            found.append({**outer, **{n: e.value for n, e in zip(names, row.elements)}})
    return found


def _target_names(node: cst.BaseExpression) -> List[str]:
    if isinstance(node, cst.Name):
        return [node.value]
    if isinstance(node, (cst.Tuple, cst.List)):
        names = [e.value for e in node.elements if isinstance(e.value, cst.Name)]
        if len(names) == len(node.elements):
            return [name.value for name in names]
    return []


class CeleryTasks(Recognizer):
    """``@app.task`` / ``@shared_task``: the names a beat entry or ``send_task`` may use."""

    id = "celery-tasks"
    words = ("celery", "shared_task", ".task")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            if not self._is_task(ctx, dec):
                continue
            ctx.add_task_name(f"{ctx.module}.{node.name.value}", qualname)
            explicit = ctx.literal(kwarg(dec.call, "name")) if dec.call is not None else None
            if isinstance(explicit, str) and explicit:
                ctx.add_task_name(explicit, qualname)
            if (dec.name or "") not in PERIODIC_DECORATORS and dec.attr != "periodic_task":
                note = f"Celery task {node.name.value}: the worker the repository starts runs it when a message names it"
                ctx.add_trigger(Trigger(kind="near-real-time", source=TASK_SOURCE, target=["name", qualname],
                                        line=dec.line, note=note, weak=True))
            return

    def _is_task(self, ctx: "Context", dec: Decorator) -> bool:
        name = dec.name or ""
        if name in TASK_DECORATORS or name in PERIODIC_DECORATORS:
            return True
        if dec.attr not in ("task", "shared_task", "periodic_task"):
            return False
        if any(name == r or name.startswith(r + ".") for r in OTHER_TASK_ROOTS):
            return False
        if not ctx.imports("celery") and any(ctx.imports(r) for r in OTHER_TASK_ROOTS + ("huey",)):
            return False
        first = ctx.literal(positional(dec.call, 0)) if dec.call is not None else None
        if first in ("cron", "interval", "date"):
            return False  # Flask-APScheduler's @scheduler.task("cron", ...)
        callee = dec.call.func if dec.call is not None else dec.node.decorator
        return isinstance(callee, cst.Attribute) or dec.attr == "shared_task"


RECOGNIZERS = [CeleryBeat(), CeleryTasks()]
