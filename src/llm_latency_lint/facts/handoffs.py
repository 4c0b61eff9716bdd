"""Hand-offs of the facts pass: work a function starts and does not wait for (label policy 4).

``asyncio.create_task(f(x))``, ``executor.submit(f, x)``, ``Thread(target=f).start()``,
``nursery.start_soon(f)`` (``catalog.queues.HANDOFF_CALLS``) record the started work as a queue
edge, like ``.delay()``: a request handler that starts it returns before it runs, so across the
edge real-time becomes near-real-time. The edge is *waited* (the class flows unchanged) when the
same function waits for the work: ``await create_task(...)``, ``t = create_task(...); await t``,
``fut.result()``, ``t.join()``, ``asyncio.gather`` / ``as_completed`` in the function, or a task
group, nursery or executor bound by the function's ``with`` (its block waits for what it started).
The queue ref keeps an ``arg`` (``"call"`` for a coroutine call, else the argument's position or
keyword) so the graph binds the work's arguments as for a direct call and tells a hand-off from a
task queue.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from llm_latency_lint.catalog.queues import (
    CALL_ARG,
    COLLECT_CALLS,
    COLLECT_METHODS,
    HANDOFF_CALLS,
    SCOPED_RUNNERS,
)
from llm_latency_lint.model import CallRef
from llm_latency_lint.syntax.literals import arg as argument

COROUTINE = "coroutine"


class HandoffMixin:
    """Hand-off edges for ``FactsVisitor`` (its scopes, ``ctx`` and waits)."""

    def _handoff_state(self) -> Tuple[Dict[int, Tuple[str, bool, int]], Dict[str, List[CallRef]], Set[str]]:
        if not hasattr(self, "_handoff_inner"):
            self._handoff_inner: Dict[int, Tuple[str, bool, int]] = {}  # inner call -> (note, waited, outer id)
            self._handoff_refs: Dict[str, List[CallRef]] = {}  # function -> its hand-off refs
            self._collecting: Set[str] = set()  # functions that collect what they start
        return self._handoff_inner, self._handoff_refs, self._collecting

    def handoff_where(self, node: cst.Call, method: str) -> Optional[Tuple[str, cst.BaseExpression, str]]:
        """(where, the handed-off expression, note) when ``node`` starts work it may not wait for."""
        qualified = self.ctx.qualified(node.func) or ""
        where = HANDOFF_CALLS.get(qualified) or (
            HANDOFF_CALLS.get(method) if isinstance(node.func, cst.Attribute) else None)
        if where is None and qualified in ("asyncio.create_task", "asyncio.ensure_future"):
            where = COROUTINE
        if where is None:
            return None
        target = argument(node, where, 1) if where == "target" else (
            argument(node, "coro", 0) if where == COROUTINE else argument(node, "fn", int(where)))
        if target is None:
            return None
        library = qualified.split(".", 1)[0] in ("asyncio", "threading", "multiprocessing", "anyio", "trio")
        short = f"{qualified}()" if library else f".{method}()"
        return where, target, short

    def note_handoff(self, node: cst.Call, method: str) -> Optional[Tuple[str, cst.BaseExpression, str, bool]]:
        """Called for every call before its refs are made: remembers a coroutine handed to
        ``create_task``; returns (where, target, note, waited) for an argument hand-off."""
        self._note_collect(node, method)
        found = self.handoff_where(node, method)
        if found is None:
            return None
        where, target, note = found  # the hand-off call (``asyncio.create_task``, ``.submit()``)
        waited = id(node) in self.awaited_calls or id(node) in self.waited_calls or self._scoped_receiver(node)
        if where == COROUTINE:
            if isinstance(target, cst.Await):
                target = target.expression
            if isinstance(target, cst.Call):
                self._handoff_state()[0][id(target)] = (note, waited, id(node))
            return None
        return where, target, note, waited

    def handoff_call_ref(self, node: cst.Call, ref_expr, line: int, col: int) -> Optional[CallRef]:
        """The queue ref for a coroutine call handed to ``create_task``, else None."""
        inner, _, _ = self._handoff_state()
        found = inner.pop(id(node), None)
        if found is None:
            return None
        note, waited, outer = found
        ref = CallRef(ref_expr, line, col, kind="queue", waited=waited, note=note, arg=CALL_ARG)
        self.register_handoff(ref, outer)
        return ref

    def register_handoff(self, ref: CallRef, outer: int) -> None:
        self.queue_refs[outer] = ref
        qualname = self.current_function().qualname
        self._handoff_state()[1].setdefault(qualname, []).append(ref)
        holders = {name for name, values in self._function_scope().locals.items() if any(id(v) == outer for v in values)}
        self._holders()[id(ref)] = holders  # the locals holding the task (``current = create_task(...)``)

    def _holders(self) -> Dict[int, Set[str]]:
        if not hasattr(self, "_handoff_holders"):
            self._handoff_holders: Dict[int, Set[str]] = {}
            self._awaited_names: Dict[str, Set[str]] = {}
        return self._handoff_holders

    def note_awaited_name(self, node: cst.Await) -> None:
        """``t = asyncio.create_task(f()); ...; await t`` (anywhere in the function, also before, in
        a loop): the task is waited for."""
        if not isinstance(node.expression, cst.Name):
            return
        self._holders()
        self._awaited_names.setdefault(self.current_function().qualname, set()).add(node.expression.value)

    def _note_collect(self, node: cst.Call, method: str) -> None:
        qualified = self.ctx.qualified(node.func) or ""
        positional = [a for a in node.args if a.keyword is None]
        if qualified in COLLECT_CALLS or qualified.rsplit(".", 1)[-1] == "as_completed" or (
            method in COLLECT_METHODS and isinstance(node.func, cst.Attribute) and not positional
            and isinstance(node.func.value, (cst.Name, cst.Attribute, cst.Subscript))
        ):
            self._handoff_state()[2].add(self.current_function().qualname)

    def _scoped_receiver(self, node: cst.Call) -> bool:
        """``tg.create_task(...)`` / ``ex.submit(...)`` on a local bound by ``with TaskGroup() as tg``."""
        func = node.func
        if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)):
            return False
        for value in self._function_scope().locals.get(func.value.value, []):
            if isinstance(value, cst.Call) and (self.ctx.qualified(value.func) or "") in SCOPED_RUNNERS:
                return True
        return False

    def settle_handoffs(self) -> None:
        """At the module's end: a function that collects what it started waits for all of it."""
        _, refs, collecting = self._handoff_state()
        holders = self._holders()
        for qualname, started in refs.items():
            awaited = self._awaited_names.get(qualname, set())
            for ref in started:
                if qualname in collecting or holders.get(id(ref), set()) & awaited:
                    ref.waited = True
