"""Shapes of a sleeping loop that say whether it keeps a cadence (``sleep_loops.py``).

A loop that ends when the work it polls is done (``if status == "done": break``, ``while not done``
with ``done`` set inside) waits for a result for whoever started it: no schedule, however long it
sleeps. A loop that sleeps a little and counts the rounds to a period (``sleep(1)``, ``ticks += 1``,
``if ticks >= 300: work()``) keeps the period the count reaches.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Set

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context
from llm_latency_lint.catalog.triggers.bot_polling import _signals_stop
from llm_latency_lint.catalog.triggers.schedule_args import constant_seconds
from llm_latency_lint.syntax.walk import children

_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.ExceptHandler)  # an error's exit is no result
_QUIET = ("print", "log", "sleep")


def _walk(node: cst.CSTNode) -> List[cst.CSTNode]:
    found, stack = [], children(node)
    while stack:
        child = stack.pop()
        found.append(child)
        if not isinstance(child, _SCOPES):
            stack.extend(children(child))
    return found


def _names(node: cst.CSTNode) -> Set[str]:
    return {n.value for n in [node, *_walk(node)] if isinstance(n, cst.Name)}


def _assigned(body: cst.CSTNode) -> Set[str]:
    """Names the loop's body binds each round (``status = poll(job)``, ``done = ...``)."""
    found: Set[str] = set()
    for node in _walk(body):
        targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else (
            [node.target] if isinstance(node, (cst.AugAssign, cst.AnnAssign)) else [])
        found.update(t.value for t in targets if isinstance(t, cst.Name))
    return found


def ends_when_done(loop: cst.While) -> bool:
    """Does the loop end on what a round found, not on a stop signal, an error or a setting?"""
    assigned = _assigned(loop.body)
    if _names(loop.test) & assigned:
        return True  # ``while not done: ... done = check(job)``
    return _exits(loop.body, [], assigned, inner=False)


def _exits(node: cst.CSTNode, tests: List[cst.BaseExpression], assigned: Set[str], inner: bool) -> bool:
    for child in children(node):
        if isinstance(child, _SCOPES):
            continue
        if isinstance(child, cst.Return) or isinstance(child, cst.Break) and not inner:
            read = {n for test in tests for n in _names(test)}
            if read & assigned and not any(_signals_stop(n) for n in read):
                return True
        here = [*tests, child.test] if isinstance(child, cst.If) else tests
        if _exits(child, here, assigned, inner or isinstance(child, (cst.For, cst.While))):
            return True
    return False


def counted_seconds(ctx: Context, loop: cst.While, sleep: cst.BaseExpression) -> Optional[float]:
    """The period a loop counts its short sleeps to: ``sleep(s)`` each round, ``n += k``, and an
    ``if n >= N`` (``>``, ``==``, ``n % N == 0``) that runs work: ``s * N / k`` seconds."""
    seconds = constant_seconds(ctx, sleep)
    if not seconds or seconds <= 0:
        return None
    steps = {node.target.value: constant_seconds(ctx, node.value) for node in _walk(loop.body)
             if isinstance(node, cst.AugAssign) and isinstance(node.operator, cst.AddAssign)
             and isinstance(node.target, cst.Name)}
    for branch in _walk(loop.body):
        if not isinstance(branch, cst.If) or not isinstance(branch.test, cst.Comparison):
            continue
        count = _count(ctx, branch.test, steps)
        if count and any(isinstance(n, cst.Call) and not any(q in ctx.code(n.func).lower() for q in _QUIET)
                         for n in _walk(branch.body)):
            return seconds * count
    return None


def _count(ctx: Context, test: cst.Comparison, steps: Dict[str, Optional[float]]) -> Optional[float]:
    """Rounds until ``test`` holds for a counter in ``steps``: ``n >= 300`` -> 300 / step."""
    if len(test.comparisons) != 1:
        return None
    op, right, left = test.comparisons[0].operator, test.comparisons[0].comparator, test.left
    if isinstance(left, cst.BinaryOperation) and isinstance(left.operator, cst.Modulo) \
            and isinstance(op, cst.Equal) and ctx.literal(right) == 0:
        modulo = left
        left, right, op = modulo.left, modulo.right, cst.GreaterThanEqual()
    if not isinstance(op, (cst.GreaterThanEqual, cst.GreaterThan, cst.Equal)):
        return None
    step = steps.get(left.value) if isinstance(left, cst.Name) else None
    bound = constant_seconds(ctx, right)
    return bound / step if step and bound and step > 0 else None
