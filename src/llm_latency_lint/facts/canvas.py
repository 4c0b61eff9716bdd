"""Celery canvases: the tasks a ``chain``/``group``/``chord`` or a ``|`` of signatures holds.

``chain(send.s(pk), summarize.s(), group(reply.s(), clean.s())).delay()`` queues every task in it
(``catalog/queues.py`` ``CANVAS_CALLS``): the facts pass records a queue edge to each, so a request
that applies a canvas hands its tasks off (near-real-time), as ``.delay()`` on one task does. One
signature applied (``summarize.s(pk).delay()``) is a canvas of one; ``.apply()`` runs each task in the
caller's process (``catalog/celery_methods.py``): a call edge, not a queue edge.
"""
from __future__ import annotations

from typing import Callable, Dict, List, Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog.queues import CANVAS_CALLS, SIGNATURE_METHODS
from llm_latency_lint.facts.scopes import Local

MAX_DEPTH = 8  # canvases nested in canvases (a chain of groups of chains) followed this deep

Qualified = Callable[[cst.BaseExpression], Optional[str]]
Locals = Dict[str, List[Local]]  # a function's locals (``Scope.locals``)


def is_canvas(node: cst.BaseExpression, qualified: Qualified, local: Locals) -> bool:
    """``node`` builds a canvas: a canvas call, a ``|`` of signatures, or a local bound to one."""
    node = _bound(node, local)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
        return bool(canvas_tasks(node, qualified, local))
    return isinstance(node, cst.Call) and qualified(node.func) in CANVAS_CALLS


def is_signature(node: cst.BaseExpression, local: Locals) -> bool:
    """``node`` is one task's signature: ``summarize.s(pk)``, or a local bound once to one."""
    node = _bound(node, local)
    return (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
            and node.func.attr.value in SIGNATURE_METHODS)


def canvas_tasks(node: cst.BaseExpression, qualified: Qualified, local: Locals, depth: int = 0) -> List[cst.BaseExpression]:
    """The task expressions (``send`` of ``send.s(pk)``) a canvas or signature holds, in order."""
    node = _bound(node, local)
    if depth > MAX_DEPTH:
        return []
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in SIGNATURE_METHODS:
        return [node.func.value]
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
        left = canvas_tasks(node.left, qualified, local, depth + 1)
        right = canvas_tasks(node.right, qualified, local, depth + 1)
        return left + right if left and right else []
    if isinstance(node, cst.Call) and qualified(node.func) in CANVAS_CALLS:
        return _members([a.value for a in node.args if a.keyword is None], qualified, local, depth)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Call):  # ``chord(header)(callback)``
        inner = canvas_tasks(node.func, qualified, local, depth + 1)
        return inner + _members([a.value for a in node.args if a.keyword is None], qualified, local, depth) if inner else []
    return []


def _members(values: Sequence[cst.BaseExpression], qualified: Qualified, local: Locals, depth: int) -> List[cst.BaseExpression]:
    found: List[cst.BaseExpression] = []
    for value in values:
        if isinstance(value, (cst.List, cst.Tuple)):
            found.extend(_members([e.value for e in value.elements], qualified, local, depth))
        elif isinstance(value, (cst.GeneratorExp, cst.ListComp)):
            found.extend(canvas_tasks(value.elt, qualified, local, depth + 1))
        else:
            found.extend(canvas_tasks(value, qualified, local, depth + 1))
    return found


def _bound(node: cst.BaseExpression, local: Locals) -> cst.BaseExpression:
    """A local bound once (``workflow = chain(...)``) stands for its value."""
    if isinstance(node, cst.Name) and len(local.get(node.value, ())) == 1:
        value = local[node.value][0]
        if isinstance(value, cst.BaseExpression):
            return value
    return node
