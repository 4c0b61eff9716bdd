"""What a hand-off gives the job it starts (label policy 13).

A route that queues the job a schedule queues, giving it nothing of its own, re-runs the scheduled
job ("run now"); one that gives it the request's input (an article's text, a user's prompt) hands
off work of its own. The facts pass records, on each queue ref, the places the hand-off fills:
``"0"`` / ``"user_id"`` for a computed value, ``"0='daily'"`` for a literal (its ``repr``), so the
graph can compare a route's hand-off with the schedule's of the same job
(``project/reruns.py``). ``.delay(x)``, ``enqueue(f, x)``, ``executor.submit(f, x)`` and
``create_task(f(x))`` pass their arguments after the job; ``apply_async(args=(x,), kwargs={...})``
and ``Thread(target=f, args=(x,))`` pack them (``queues.PACKED_ARGUMENTS``), and their other
arguments are options of the hand-off. None: the arguments cannot be read (``*args``, a tuple
built elsewhere).
"""
from __future__ import annotations

from typing import List, Optional

import libcst as cst

from llm_latency_lint.catalog.queues import PACKED_ARGUMENTS
from llm_latency_lint.facts.branches import literal_repr
from llm_latency_lint.syntax.literals import kwarg, literal, positional


def _place(slot: str, value: cst.BaseExpression) -> str:
    shown = literal_repr(value)
    return slot if shown is None else f"{slot}={shown}"


def _packed(node: cst.Call, packed: tuple) -> Optional[List[str]]:
    (args_kw, args_at), (kwargs_kw, kwargs_at) = packed
    found: List[str] = []
    args = kwarg(node, args_kw) or positional(node, args_at)
    if args is not None and not (isinstance(args, cst.Name) and args.value == "None"):
        if not isinstance(args, (cst.Tuple, cst.List)) or any(isinstance(e, cst.StarredElement) for e in args.elements):
            return None
        found.extend(_place(str(at), e.value) for at, e in enumerate(args.elements))
    kwargs = kwarg(node, kwargs_kw) or positional(node, kwargs_at)
    if kwargs is not None and not (isinstance(kwargs, cst.Name) and kwargs.value == "None"):
        if not isinstance(kwargs, cst.Dict):
            return None
        for element in kwargs.elements:
            key = literal(element.key) if isinstance(element, cst.DictElement) else None
            if not isinstance(element, cst.DictElement) or not isinstance(key, str):
                return None
            found.append(_place(key, element.value))
    return found


def job_passes(node: cst.Call, qualified: str, method: str,
               job: Optional[cst.BaseExpression] = None) -> Optional[List[str]]:
    """The places ``node`` (a hand-off) fills in the job's arguments; ``job`` is the argument that
    names the job (``enqueue(job, x)``: positional arguments up to it are not the job's)."""
    packed = PACKED_ARGUMENTS.get(qualified) or PACKED_ARGUMENTS.get(method)
    if packed is not None:
        return _packed(node, packed)
    found: List[str] = []
    after_job = job is None or not any(a.value is job and a.keyword is None for a in node.args)
    index = 0
    for arg in node.args:
        if arg.star:
            return None
        if arg.value is job:
            after_job = True
            continue
        if arg.keyword is not None:
            found.append(_place(arg.keyword.value, arg.value))
        elif after_job:
            found.append(_place(str(index), arg.value))
            index += 1
    return found
