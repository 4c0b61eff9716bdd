"""Hand-offs of the facts pass: work a function starts and does not wait for (label policy 4).

``asyncio.create_task(f(x))``, ``executor.submit(f, x)``, ``Thread(target=f).start()``,
``threading.Timer(5, function=f)``, ``nursery.start_soon(f)`` (``catalog.queues.HANDOFF_CALLS``: where
each takes its work, by keyword and position) record the started work as a queue edge, like
``.delay()``: a request handler that starts it returns before it runs, so across the edge real-time
becomes near-real-time. The edge is *waited* (the class flows unchanged) when the same function
waits for that work: ``await create_task(...)``, ``create_task(...).result()``, or what its body shows
at the module's end (``facts.waits``: a wait on a holder of the work, a ``with`` block, a queue the
work is given). ``submit`` is a hand-off on a receiver known as an executor, or when its argument
names a function: Prefect's ``task.submit(x)`` runs a task on data. The queue ref keeps an ``arg``
(``"call"`` for a coroutine call, else the argument's position or keyword) so the graph binds the
work's arguments as for a direct call and tells a hand-off from a task queue.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from llm_latency_lint.catalog.queues import (
    CALL_ARG,
    COROUTINE_RUNNERS,
    EXECUTORS,
    HANDOFF_CALLS,
    HANDOFF_TEMPLATE_METHODS,
    Handoff,
)
from llm_latency_lint.catalog.work_queues import PUT_METHODS
from llm_latency_lint.facts.pass_state import PassState
from llm_latency_lint.facts.passes import job_passes
from llm_latency_lint.facts.waits import Body
from llm_latency_lint.model import CallRef, Expr
from llm_latency_lint.syntax.literals import kwarg, literal, positional
from llm_latency_lint.syntax.walk import walk

LIBRARIES = ("asyncio", "threading", "multiprocessing", "anyio", "trio")


@dataclass
class Started:
    """One hand-off call: its node, its ref once made, and for ``submit`` the receiver to check."""

    node: cst.Call
    note: str
    waited: bool
    receiver: Optional[Expr] = None  # ``x.submit(...)``: is ``x`` an executor?
    ref: Optional[CallRef] = None


@dataclass
class HandoffState:
    started: Dict[int, Started] = field(default_factory=dict)  # hand-off call id -> what it started
    coroutines: Dict[int, int] = field(default_factory=dict)  # coroutine call id -> its hand-off call id
    # ``t.start()`` calls (a ``Thread`` subclass's, if the graph says so) and ``q.put(job)`` calls (an item
    # for a worker, ``project/work_queues``): node, function, line, column, what a wait must be on, and
    # whether that is an item put (``Body.waits_for_item``) rather than a started thread (``Body.waits_on``)
    starts: List[Tuple[cst.Call, str, int, int, cst.BaseExpression, bool]] = field(default_factory=list)
    run: Set[int] = field(default_factory=set)  # callables a handed-off runner runs (``to_thread(f)``)


class HandoffMixin(PassState):
    """Hand-off edges for ``FactsVisitor`` (its scopes, ``ctx`` and waits)."""

    def _handoffs(self) -> HandoffState:
        if not hasattr(self, "_handoff_state"):
            self._handoff_state = HandoffState()
        return self._handoff_state

    def handoff_where(self, node: cst.Call, method: str) -> Optional[Tuple[Handoff, cst.BaseExpression, str]]:
        """(the hand-off, the started expression, note) when ``node`` starts work it may not wait for."""
        qualified = self.ctx.qualified(node.func) or ""
        handoff = HANDOFF_CALLS.get(qualified) or (
            HANDOFF_CALLS.get(method) if isinstance(node.func, cst.Attribute) else None)
        if handoff is None or handoff.library and not self.ctx.imports(handoff.library):
            return None
        if handoff.run_once is not None:  # ``add_job(f, "cron", ...)`` is a schedule, not a hand-off
            keyword, position, once = handoff.run_once
            given = kwarg(node, keyword) or positional(node, position)
            if given is not None and literal(given) not in once:
                return None
        target = next((found for found in (kwarg(node, k) for k in handoff.keywords) if found is not None),
                      None) or positional(node, handoff.position)
        if target is None:
            return None
        short = f"{qualified}()" if qualified.split(".", 1)[0] in LIBRARIES else f".{method}()"
        return handoff, target, short

    def note_handoff(self, node: cst.Call, method: str) -> Optional[Tuple[str, cst.BaseExpression, str, bool]]:
        """Called for every call before its refs are made: remembers a coroutine handed to
        ``create_task``; returns (where, target, note, waited) for an argument hand-off."""
        found = self.handoff_where(node, method)
        if found is None:
            if method in HANDOFF_TEMPLATE_METHODS and isinstance(node.func, cst.Attribute) \
                    and isinstance(node.func.value, cst.Name):
                line, col = self.span(node)[:2]
                self._handoffs().starts.append((node, self.current_function().qualname, line, col, node.func.value,
                                               False))
            elif method in PUT_METHODS and isinstance(node.func, cst.Attribute) and node.args:
                line, col = self.span(node)[:2]  # ``q.put(job)`` then ``await job.result``: the putter waits
                self._handoffs().starts.append((node, self.current_function().qualname, line, col, node.args[0].value,
                                               True))
            return None
        handoff, target, note = found
        waited = id(node) in self.awaited_calls or id(node) in self.waited_calls
        receiver = self.expr(node.func.value) if handoff.needs_executor and isinstance(node.func, cst.Attribute) else None
        state = self._handoffs()
        state.started[id(node)] = Started(node, note, waited, receiver)
        if handoff.coroutine:
            if isinstance(target, cst.Await):
                target = target.expression
            if isinstance(target, cst.Call):
                state.coroutines[id(target)] = id(node)
            return None
        return "argument", target, note, waited

    def handoff_call_ref(self, node: cst.Call, ref_expr, line: int, col: int) -> Optional[CallRef]:
        """The queue ref for a coroutine call handed to ``create_task``, else None."""
        state = self._handoffs()
        outer = state.coroutines.pop(id(node), None)
        if outer is None:
            return None
        started = state.started[outer]
        arg = CALL_ARG
        runner = self._runs_callable(node)
        passes = job_passes(node, "", "")  # ``create_task(f(x))``: what ``f`` is called with
        if runner is not None:  # ``create_task(asyncio.to_thread(worker, x))``: ``worker`` is started
            ref_expr, arg = self.expr(runner[0]), runner[1]
            state.run.add(id(runner[0]))
            passes = job_passes(node, "", "", runner[0])
        ref = CallRef(ref_expr, line, col, kind="queue", waited=started.waited, note=started.note, arg=arg, passes=passes)
        self.register_handoff(ref, outer)
        return ref

    def _runs_callable(self, node: cst.Call) -> Optional[Tuple[cst.BaseExpression, str]]:
        """(the callable, its argument's position or keyword) a coroutine runner call runs."""
        qualified = self.ctx.qualified(node.func) or ""
        runner = COROUTINE_RUNNERS.get(qualified) or (
            COROUTINE_RUNNERS.get(node.func.attr.value) if isinstance(node.func, cst.Attribute) else None)
        if runner is None:
            return None
        for keyword in runner.keywords:
            found = kwarg(node, keyword)
            if found is not None:
                return found, keyword
        found = positional(node, runner.position)
        return (found, str(runner.position)) if isinstance(found, (cst.Name, cst.Attribute)) else None

    def handed_callable(self, node: cst.BaseExpression) -> bool:
        """Is ``node`` a runner handed off, or its callable (a queue edge, not a reference)?"""
        state = self._handoffs()
        if id(node) in state.coroutines:  # ``create_task(asyncio.to_thread(f))``: no reference to ``f`` here
            return isinstance(node, cst.Call) and self._runs_callable(node) is not None
        return id(node) in state.run

    def register_handoff(self, ref: CallRef, outer: int) -> None:
        self.queue_refs[outer] = ref
        started = self._handoffs().started.get(outer)
        if started is not None:
            started.ref = ref

    def settle_handoffs(self) -> None:
        """At the module's end: a ``submit`` that starts no work becomes a plain reference; a
        hand-off its function's body waits for (``facts.waits``) is waited."""
        started = [s for s in self._handoffs().started.values() if s.ref is not None]
        starts = self._handoffs().starts
        if not started and not starts:
            return
        roots = _enclosing(self.module, {id(s.node) for s in started} | {id(s[0]) for s in starts})
        bodies: Dict[int, Body] = {}
        for node, owner, line, col, held, item in starts:  # ``t.start()`` ... ``t.join()``: the caller waits
            root = roots.get(id(node))
            if root is None:
                continue
            body = bodies.get(id(root)) or bodies.setdefault(id(root), Body(root, self._dotted))
            if body.waits_for_item(held) if item else body.waits_on(held):
                for call in self.facts.functions[owner].calls if owner in self.facts.functions else ():
                    if call.kind == "call" and (call.line, call.col) == (line, col):
                        call.waited = True
        for entry in started:
            ref = entry.ref
            assert ref is not None
            if entry.receiver is not None and not self._starts_work(entry.receiver, ref.expr):
                ref.kind, ref.waited, ref.note = "ref", False, ""
                continue
            root = roots.get(id(entry.node))
            if ref.waited or root is None:
                continue
            body = bodies.get(id(root)) or bodies.setdefault(id(root), Body(root, self._dotted))
            ref.waited = body.waits_for(entry.node)

    def _starts_work(self, receiver: Expr, target: Expr) -> bool:
        """``x.submit(f)``: ``x`` is bound to an executor, or (``x`` unknown) ``f`` names a function."""
        if any(_executor(value) for value in self._bound(receiver)):
            return True
        if receiver[0] == "name" and (receiver[1] in self.facts.functions or receiver[1] in self.facts.classes):
            return False  # a task object of this file (Prefect's ``@task``): not an executor
        if target[0] == "name":
            name = str(target[1])
            return name in self.facts.functions or name in self.facts.classes or not name.startswith(
                f"{self.facts.module}.")  # a function or class, or imported; not this module's data
        if target[0] == "attr" and target[1] and target[1][0] == "self":
            return f"{target[1][1]}.{target[2]}" in self.facts.functions  # a method, not data on self
        return target[0] == "attr"  # ``module.fn``, ``obj.method``; not a parameter or a local

    def _bound(self, expr: Expr) -> List[Expr]:
        """What this file binds a receiver to: a local's values, a global's, a ``self.`` attribute's."""
        if expr[0] in ("call", "type"):
            return [expr]
        if expr[0] == "var":
            owner, _, local = str(expr[1]).rpartition("#")
            return list(self.facts.functions[owner].locals.get(local, [])) if owner in self.facts.functions else []
        if expr[0] == "name":
            return list(self.facts.globals.get(str(expr[1]), []))
        if expr[0] == "attr" and expr[1] and expr[1][0] == "self":
            return list(getattr(self.facts.classes.get(str(expr[1][1])), "attrs", {}).get(str(expr[2]), []))
        return []

    def _dotted(self, func: cst.BaseExpression) -> str:
        """A callee's dotted name through the file's imports (``Queue`` -> ``queue.Queue``)."""
        parts: List[str] = []
        while isinstance(func, cst.Attribute):
            parts.append(func.attr.value)
            func = func.value
        if not isinstance(func, cst.Name):
            return ""
        return ".".join([self.facts.imports.get(func.value, func.value), *reversed(parts)])


def _executor(value: Expr) -> bool:
    """``ThreadPoolExecutor()`` (a call) or ``executor: ThreadPoolExecutor`` (a type)."""
    named = value[1] if value[0] == "type" else (value[1][1] if value[0] == "call" and value[1] and value[1][0] == "name" else "")
    name = str(named)
    return name in EXECUTORS or name.rsplit(".", 1)[-1] in EXECUTORS


def _enclosing(module: cst.Module, calls: Set[int]) -> Dict[int, cst.CSTNode]:
    """For each call id: the innermost function around it, or the module."""
    found: Dict[int, cst.CSTNode] = {}
    stack: List[cst.CSTNode] = [module]

    class Finder:
        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            stack.append(node)

        def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
            stack.pop()

        def visit_Call(self, node: cst.Call) -> None:
            if id(node) in calls:
                found[id(node)] = stack[-1]

    walk(module, Finder(), layout=False)
    return found
