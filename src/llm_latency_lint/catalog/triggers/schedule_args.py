"""Reading scheduler arguments out of libcst nodes, shared by the scheduler recognisers.

Scheduler configuration is mostly literals, ``timedelta``/``crontab``-style calls and
module-level names bound to them. These helpers see through a module-level name to the
node it was bound to (``Context.module_value``), turn the usual interval spellings into
words (``schedule_words``), and name the callable a scheduler is given.
"""
from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog import schedule_words
from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.catalog.triggers.resolve import lambda_work
from llm_latency_lint.model import Expr, Trigger
from llm_latency_lint.syntax.literals import kwarg, positional

UNKNOWN = object()  # a keyword value that is not a literal
TIMEDELTA_ORDER = ("days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks")
NOTE_LIMIT = 90
MAX_DEPTH = 6
ARITHMETIC = {cst.Multiply: lambda a, b: a * b, cst.Add: lambda a, b: a + b, cst.Subtract: lambda a, b: a - b,
              cst.Divide: lambda a, b: a / b, cst.FloorDivide: lambda a, b: a // b}
NUMBER_CASTS = frozenset({"int", "float"})
ENV_READS = frozenset({"os.getenv", "os.environ.get", "os.environ.setdefault"})  # (name, default): the default


# ---- module-level names ----------------------------------------------------------------
def resolve(
    ctx: "Context", owner: Recognizer, node: Optional[cst.BaseExpression],
    bindings: Optional[Mapping[str, cst.BaseExpression]] = None,
) -> Optional[cst.BaseExpression]:
    """The node a name stands for (comprehension bindings first, then module-level names)."""
    seen = 0
    while isinstance(node, cst.Name) and seen < 5:
        seen += 1
        bound = bindings.get(node.value) if bindings else None
        if bound is None:
            bound = ctx.module_value(node.value)
        if bound is None or bound is node:
            break
        node = bound
    return node


# ---- call shapes -----------------------------------------------------------------------
def last_name(node: Optional[cst.BaseExpression]) -> str:
    """``crontab`` for ``crontab``, ``schedules.crontab`` and ``crontab(...)``."""
    if isinstance(node, cst.Call):
        node = node.func
    if isinstance(node, cst.Attribute):
        return node.attr.value
    if isinstance(node, cst.Name):
        return node.value
    return ""


def receiver(call: cst.Call) -> Optional[cst.BaseExpression]:
    return call.func.value if isinstance(call.func, cst.Attribute) else None


def is_under(ctx: "Context", node: Optional[cst.BaseExpression], roots: Sequence[str]) -> bool:
    """The node's qualified name (a call's callee) lies under one of the package roots."""
    if isinstance(node, cst.Call):
        node = node.func
    name = ctx.qualified(node) if node is not None else None
    if not name:
        return False
    return any(name == r or name.startswith(r + ".") for r in roots)


def imports_any(ctx: "Context", roots: Sequence[str]) -> bool:
    return any(ctx.imports(root) for root in roots)


def literal_kwargs(
    ctx: "Context", owner: Recognizer, call: cst.Call, keys: Sequence[str], order: Sequence[str] = ()
) -> Dict[str, Any]:
    """Literal values of the named keywords (and positionals in ``order``); UNKNOWN if not literal."""
    found: Dict[str, Any] = {}
    for index, key in enumerate(order):
        node = positional(call, index)
        if node is not None:
            found[key] = _value(ctx, owner, node)
    for item in call.args:
        if item.keyword is not None and item.keyword.value in keys:
            found[item.keyword.value] = _value(ctx, owner, item.value)
    return found


def _value(ctx: "Context", owner: Recognizer, node: cst.BaseExpression) -> Any:
    value = ctx.literal(resolve(ctx, owner, node))
    return UNKNOWN if value is None else value


def known(values: Mapping[str, Any]) -> bool:
    return all(v is not UNKNOWN for v in values.values())


def compact(ctx: "Context", node: cst.CSTNode, limit: int = NOTE_LIMIT) -> str:
    text = " ".join(ctx.code(node).split()).replace("( ", "(").replace(" )", ")")
    return text if len(text) <= limit else text[: limit - 3] + "..."


# ---- intervals -------------------------------------------------------------------------
def constant_seconds(ctx: "Context", node: Optional[cst.BaseExpression], depth: int = 0) -> Optional[float]:
    """The number a duration always holds, or holds unless the environment says otherwise:
    literals and arithmetic of them (``60 * 60 * 24 * 30``), module-level names bound to such
    (``INTERVAL = 6 * 3600``), ``int(...)``/``float(...)`` of those, and the default of an
    environment read (``int(os.getenv("INTERVAL", "3600"))``) or of an ``or`` (``cfg.interval or
    3600``). None for anything else."""
    if node is None or depth > MAX_DEPTH:
        return None
    value = ctx.literal(node)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(node, cst.Name):
        bound = ctx.module_value(node.value)
        return constant_seconds(ctx, bound, depth + 1) if bound is not None and bound is not node else None
    if isinstance(node, cst.BinaryOperation) and type(node.operator) in ARITHMETIC:
        left, right = constant_seconds(ctx, node.left, depth + 1), constant_seconds(ctx, node.right, depth + 1)
        if left is None or right is None or (right == 0 and isinstance(node.operator, (cst.Divide, cst.FloorDivide))):
            return None
        return ARITHMETIC[type(node.operator)](left, right)
    if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or):
        return constant_seconds(ctx, node.right, depth + 1)  # ``plugin.interval or 86400``: the fallback
    if isinstance(node, cst.Call) and node.args and node.args[0].keyword is None:
        if isinstance(node.func, cst.Name) and node.func.value in NUMBER_CASTS:
            return _number(ctx, node.args[0].value, depth + 1)
        if ctx.qualified(node.func) in ENV_READS and len(node.args) > 1:
            return _number(ctx, node.args[1].value, depth + 1)
    return None


def _number(ctx: "Context", node: cst.BaseExpression, depth: int) -> Optional[float]:
    """``constant_seconds``, or a numeric string's value (an environment default is often text)."""
    text = ctx.literal(node)
    if isinstance(text, str):
        try:
            return float(text.strip())
        except ValueError:
            return None
    return constant_seconds(ctx, node, depth)


def interval_words(ctx: "Context", owner: Recognizer, node: Optional[cst.BaseExpression]) -> Optional[str]:
    """Seconds as a number, ``timedelta(...)``, ``relativedelta(...)`` or a ``Period``-like call."""
    node = resolve(ctx, owner, node)
    if node is None:
        return None
    value = constant_seconds(ctx, node)
    if value is not None:
        return schedule_words.interval(value) if value > 0 else None
    if isinstance(node, cst.Call) and last_name(node) in ("timedelta", "relativedelta", "Period", "Duration"):
        order = TIMEDELTA_ORDER if last_name(node) == "timedelta" else ()
        keys = ("years", "months", *schedule_words.DURATION_SECONDS)
        values = literal_kwargs(ctx, owner, node, keys, order)
        return schedule_words.describe_period(values) if known(values) else None
    return None


def cron_words(ctx: "Context", owner: Recognizer, node: Optional[cst.BaseExpression]) -> Optional[str]:
    """A cron string (or a list of them), through module-level names."""
    value = ctx.literal(resolve(ctx, owner, node))
    if isinstance(value, str):
        return schedule_words.describe_cron(value)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "; ".join(schedule_words.describe_cron(v) for v in value)
    return None


# ---- targets ---------------------------------------------------------------------------
def callable_target(ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[Expr]:
    """What a scheduler is told to run: a function reference, a dotted string, a lambda's callee."""
    if node is None:
        return None
    value = ctx.literal(node) if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)) else None
    if isinstance(value, str):
        return ["str", value] if value else None
    if isinstance(node, cst.Lambda):
        if not isinstance(node.body, cst.Call):
            return None
        started = lambda_work(ctx, node.body)  # ``lambda: Thread(target=job).start()`` runs ``job``
        node = started if started is not None else node.body.func
    expr = ctx.expr(node)
    return expr if expr and expr[0] != "unknown" else None


def scheduled(
    ctx: "Context", source: str, target: Optional[Expr], node: cst.CSTNode, note: str,
    schedule: Optional[str], kind: str = "scheduled",
) -> None:
    """Record a trigger when there is something to point it at."""
    if target is None:
        return
    ctx.add_trigger(Trigger(kind=kind, source=source, target=target, line=ctx.line(node), note=note, schedule=schedule))


ROW_WRITES = frozenset({"create", "update_or_create", "get_or_create"})


def row_fields(ctx: "Context", node: cst.Call, model: str, roots: Sequence[str],
               names: Sequence[str]) -> Optional[Dict[str, cst.BaseExpression]]:
    """The ``names`` fields of a schedule row a Django manager writes
    (``Model.objects.create(f=...)``, ``update_or_create``/``get_or_create`` with fields in
    ``defaults={...}`` too), or None when ``node`` writes no ``model`` row from ``roots``:
    schedulers that read their jobs from a table (django-celery-beat, django-q)."""
    func = node.func
    if not (isinstance(func, cst.Attribute) and func.attr.value in ROW_WRITES):
        return None
    manager = func.value
    if not (isinstance(manager, cst.Attribute) and manager.attr.value == "objects"
            and last_name(manager.value) == model and is_under(ctx, manager.value, roots)):
        return None
    return call_fields(ctx, node, names)


def call_fields(ctx: "Context", node: cst.Call, names: Sequence[str]) -> Dict[str, cst.BaseExpression]:
    """The ``names`` keywords of a call, and those in its ``defaults={...}`` dict."""
    fields = {f: value for f in names if (value := kwarg(node, f)) is not None}
    defaults = kwarg(node, "defaults")
    for element in defaults.elements if isinstance(defaults, cst.Dict) else ():
        key = ctx.literal(element.key) if isinstance(element, cst.DictElement) else None
        if isinstance(key, str) and key in names:
            fields.setdefault(key, element.value)
    return fields
