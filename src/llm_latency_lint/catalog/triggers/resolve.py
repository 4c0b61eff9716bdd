"""What a recogniser can tell about an expression from this file alone.

Two questions recur across recognisers: "what was this object built from?" (is ``app`` a
``FastAPI()``, is ``consumer`` a ``KafkaConsumer("orders")``?) and "which function does this
callable argument name?" (``fn=answer``, ``lambda m: reply(m)``, ``partial(run, x)``). Both
are answered on the expression language of ``model`` so module globals, locals, annotated
parameters and ``self`` attributes all work the same way.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

import libcst as cst

from llm_latency_lint.catalog.queues import LAMBDA_STARTERS, STARTED_BY
from llm_latency_lint.catalog.triggers.api import Context
from llm_latency_lint.model import Expr
from llm_latency_lint.syntax.literals import kwarg, positional

MAX_HOPS = 6


@dataclass(frozen=True)
class Origin:
    """``ctor`` built the object (a call or an annotation); ``path`` is the attribute path taken after it."""

    ctor: str
    literal: Optional[str] = None  # the constructor call's first positional string, if any
    path: Tuple[str, ...] = ()

    @property
    def root(self) -> str:
        return self.ctor.split(".")[0]


def origin(ctx: "Context", expr: Expr, hops: int = 0) -> Optional[Origin]:
    """The constructor behind ``expr`` when this file shows it, else None."""
    if not expr or hops > MAX_HOPS:
        return None
    tag = expr[0]
    if tag == "call" and expr[1] and expr[1][0] == "name":
        return Origin(str(expr[1][1]), expr[2] if isinstance(expr[2], str) else None)
    if tag == "type" and expr[1]:
        return Origin(str(expr[1]))
    if tag == "name":
        return _global_origin(ctx, str(expr[1]), hops)
    if tag == "attr":
        base = expr[1]
        if base and base[0] == "self":
            facts = ctx.facts.classes.get(str(base[1]))
            values = facts.attrs.get(str(expr[2])) if facts else None
            return origin(ctx, values[-1], hops + 1) if values else None
        inner = origin(ctx, base, hops + 1)
        return Origin(inner.ctor, inner.literal, inner.path + (str(expr[2]),)) if inner else None
    return None


def _global_origin(ctx: "Context", qualname: str, hops: int) -> Optional[Origin]:
    """A module global (``app``), or an attribute path below one (``app.router``)."""
    parts = qualname.split(".")
    for cut in range(len(parts), 0, -1):
        values = ctx.facts.globals.get(".".join(parts[:cut]))
        if values:
            found = origin(ctx, values[-1], hops + 1)
            return Origin(found.ctor, found.literal, found.path + tuple(parts[cut:])) if found else None
    return None


FOLLOWABLE = frozenset({"param", "name", "var", "call", "type", "any"})


def followable(expr: Expr) -> Optional[Expr]:
    """``expr`` when the project stage can follow it to what built it (``project/receivers.py``): a
    parameter, ``self.app``, a global of any module, a local, a factory's result. A candidate
    trigger carries it (``Trigger.receiver``) when this file alone cannot tell."""
    if not expr or (expr[0] == "name" and "." not in str(expr[1])):
        return None  # ``import chainlit as cl``: ``@cl.on_message`` is the library's own decorator
    if expr[0] in FOLLOWABLE or (expr[0] == "attr" and expr[1] and expr[1][0] == "self"):
        return expr
    return None


def callable_target(ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[Expr]:
    """The function a callable argument names: a name, ``obj.method``, a partial, a lambda's call."""
    if node is None:
        return None
    if isinstance(node, cst.Lambda):
        if not isinstance(node.body, cst.Call):
            return None
        started = lambda_work(ctx, node.body)
        return ctx.expr(started if started is not None else node.body.func)
    if isinstance(node, (cst.Name, cst.Attribute, cst.Call)):
        expr = ctx.expr(node)  # functools.partial(f, ...) already evaluates to f
        return expr if expr and expr[0] in ("name", "attr", "call") else None
    return None


def lambda_work(ctx: "Context", body: cst.Call) -> Optional[cst.BaseExpression]:
    """The work a lambda's one call starts, when that call only hands it on: ``lambda:
    Thread(target=sync).start()``, ``lambda: asyncio.create_task(sync())``, ``lambda:
    executor.submit(sync)``, ``lambda: asyncio.run(sync())`` (``catalog.queues.LAMBDA_STARTERS``).
    Whoever runs the lambda (a scheduler, a button) runs that work; the lambda's own callee is
    only the thread's ``start``."""
    call = body
    if isinstance(body.func, cst.Attribute) and body.func.attr.value in STARTED_BY and isinstance(body.func.value, cst.Call):
        call = body.func.value  # ``Thread(target=f).start()``: the constructor says what is started
    qualified = ctx.qualified(call.func) or ""
    method = call.func.attr.value if isinstance(call.func, cst.Attribute) else ""
    starter = LAMBDA_STARTERS.get(qualified) or (LAMBDA_STARTERS.get(method) if method else None)
    if starter is None or (starter.needs_start and call is body):
        return None
    found = next((v for v in (kwarg(call, k) for k in starter.keywords) if v is not None), None)
    found = found if found is not None else positional(call, starter.position)
    if isinstance(found, cst.Await):
        found = found.expression
    if starter.coroutine:
        return found.func if isinstance(found, cst.Call) else None
    return found if isinstance(found, (cst.Name, cst.Attribute)) else None


def short(ctx: "Context", node: cst.CSTNode, limit: int = 60) -> str:
    """Source text of a node on one line, cut to ``limit`` characters, for evidence notes."""
    text = " ".join(ctx.code(node).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
