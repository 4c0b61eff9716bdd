"""Rules over the whole project: arguments bound to parameters, decorators, subclasses.

These rules are seeded once, before anything is asked of the project; each runs again only when
something it read grows. A direct call binds its arguments in place (``helper(llm, text)``); a
thread binds ``args=(...)`` to its ``target``, a queue call to the callable it queues; a forwarding call (``executor.submit(helper, llm,
text)``, ``partial(helper, llm)``) binds the arguments after the callable to its parameters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Dict, Iterable, List, Optional, Set, Tuple

from llm_latency_lint.catalog.dispatch import (
    ARGS_RUNNERS,
    DI_PROVIDERS,
    FORWARDING_CALLS,
    HOLDER_CALLS,
    HOLDER_SET,
)
from llm_latency_lint.catalog.queues import CALL_ARG
from llm_latency_lint.model import CallRef, Expr
from llm_latency_lint.project.evaluate import Evaluator
from llm_latency_lint.project.solver import Rule
from llm_latency_lint.project.values import EMPTY, Atom, Kind, Values, union

_ARGS_ITEM = re.compile(r"args\[(\d+)\]$")
MAX_PASSED_DEPTH = 3


@dataclass
class Binding:
    key: str  # the parameter's position ("0", past ``self``) or keyword
    kind: str  # "ref" (a callable passed) or "arg" (a value passed)
    expr: Expr


class Bindings:
    def __init__(self, evaluator: Evaluator) -> None:
        self.ev = evaluator
        self.bound: Dict[str, List[Binding]] = {}  # callee -> what callers bind to its parameters

    def seed(self, only: Optional[Set[str]] = None) -> None:
        """Every function's and class's rules; with ``only``, just those functions' (the ones an
        edit added to a stored graph, ``state``)."""
        s, solver = self.ev.s, self.ev.solver
        for facts in s.files:
            for caller in facts.functions.values():
                if only is not None and caller.qualname not in only:
                    continue
                for at, (call, arguments) in enumerate(calls_with_arguments(caller.calls)):
                    key = ("bind", facts.path, caller.qualname, at)  # two scripts may define one qualname
                    solver.add(Rule(partial(self._bind, call, arguments), None, caller.qualname, key))
        for qual, (fn, _) in s.functions.items() if only is None else ((q, s.functions[q]) for q in sorted(only)):
            for name in fn.decorators:
                solver.add(Rule(partial(self._decorate, qual, name), None, qual, ("decorate", qual, name)))
        for qual, klass in s.classes.items() if only is None else ():
            for name in klass.decorators:
                solver.add(Rule(partial(self._decorate, qual, name), None, qual, ("decorate", qual, name)))
            if klass.bases:
                solver.add(Rule(partial(self._inherit, qual), None, qual, ("inherit", qual)))

    # ---- rules ---------------------------------------------------------------------
    def _bind_to(self, callee: str, key: str, kind: str, expr: Expr) -> None:
        if not self.ev.keys.first(("bind", callee, key, kind), expr):
            return
        self.bound.setdefault(callee, []).append(Binding(key, kind, expr))
        rule_key = ("arg", callee, key, kind, self.ev.keys.key(expr))
        self.ev.solver.add(Rule(partial(self.ev.eval, expr), ("arg", callee, key), callee, rule_key))

    def _bind(self, call: CallRef, arguments: List[CallRef]) -> Values:
        ev = self.ev
        if call.kind == "queue" and call.arg is None:  # ``q.enqueue_call(func=f, args=(a,))``, ``t.apply_async(args=[a])``
            self._bind_items(ev.callables(ev.eval(call.expr)), arguments)  # the queued callable runs with them
            return EMPTY
        called = ev.eval(call.expr)
        fielded = [f"{a.name}.__init__" for a in called if a.kind is Kind.CLASS and ev.classes.fields(a.name)]
        for callee in ev.callables(called) + fielded:  # a dataclass's fields are its parameters
            for ref in arguments:
                self._bind_to(callee, str(ref.arg), "ref" if ref.kind == "queue" else ref.kind, ref.expr)
        self._bind_items(self._args_runner(call, arguments), arguments)  # Thread(target=fn, args=(a, b)), add_job(fn, args=[a])
        if method_of(call.expr) == HOLDER_SET:  # ``current_llm.set(client)``
            for holder in ev.eval(receiver_of(call.expr)):
                if holder.kind is Kind.MULTI and holder.name.partition("#")[0] in HOLDER_CALLS:
                    stored = union(ev.eval(r.expr) for r in arguments if str(r.arg) == "0")
                    value = union(ev.members(a.name) if a.kind is Kind.MULTI else {a} for a in stored)
                    ev.solver.grow(("members", holder.name), value)  # flat, as members are: no cycle
        if method_of(call.expr) not in FORWARDING_CALLS and not (call.expr[0] == "name" and call.expr[1] in DI_PROVIDERS):
            return EMPTY
        positional = sorted(((int(str(r.arg)), r) for r in arguments if str(r.arg).isdigit()), key=lambda p: p[0])
        for at, ref in positional:
            targets = ev.callables(ev.eval(ref.expr)) if ref.kind in ("ref", "queue") else []
            if targets:
                for target in targets:
                    for later, other in positional:
                        if later > at:
                            self._bind_to(target, str(later - at - 1), other.kind, other.expr)
                    for other in arguments:  # ``partial(summarise, client=c)``: keywords pass through
                        if not str(other.arg).isdigit() and str(other.arg) != "target":
                            self._bind_to(target, str(other.arg), other.kind, other.expr)
                break
        return EMPTY

    def _bind_items(self, targets: List[str], arguments: List[CallRef]) -> None:
        """Bind the ``args=(...)`` items among ``arguments`` to the parameters of ``targets`` by
        position; a function named in the list is a callable handed over (``passed_as``)."""
        for target in targets:
            for other in arguments:
                found = _ARGS_ITEM.match(str(other.arg))
                if found:
                    named = other.kind == "arg" and bool(other.expr) and other.expr[0] in ("name", "attr")
                    self._bind_to(target, found.group(1), "ref" if named else other.kind, other.expr)

    def _args_runner(self, call: CallRef, arguments: List[CallRef]) -> List[str]:
        """The functions a call runs with its ``args=(...)``: its ``target=`` (any call: ``Thread``
        and its subclasses), or the callable slot ``ARGS_RUNNERS`` names for the method, the first
        that holds one."""
        if not any(_ARGS_ITEM.match(str(ref.arg)) for ref in arguments):
            return []
        by_slot = {str(ref.arg): ref for ref in arguments if ref.kind in ("ref", "queue")}
        for slot in ("target", *ARGS_RUNNERS.get(method_of(call.expr), ())):
            ref = by_slot.get(slot)
            found = self.ev.callables(self.ev.eval(ref.expr)) if ref is not None else []
            if found:
                return found
        return []

    def _decorate(self, qual: str, decorator: str) -> Values:
        """``@deco`` hands ``qual`` to ``deco``'s first parameter; ``@factory(...)`` calls the factory
        with its own arguments and hands ``qual`` to what it returns (a nested function's first
        parameter), so the factory's own first parameter (``rule`` of ``@route("/x")``) is not it."""
        key = "factory_decorated" if self._called(qual, decorator) else "decorated"
        for atom in list(self.ev.read(("name", decorator))):
            if atom.kind is Kind.FUNC:
                self.ev.solver.grow((key, atom.name), set(self.ev.read(("name", qual))))
        return EMPTY

    def _called(self, qual: str, decorator: str) -> bool:
        """Is ``decorator`` applied to the function ``qual`` as a call (``@route("/x")``)? The facts
        record that call in the function, on a decorator line above its ``def``."""
        found = self.ev.s.functions.get(qual)
        if found is None:
            return False
        fn = found[0]
        return any(c.kind == "call" and c.line < fn.line and c.expr == ["name", decorator] for c in fn.calls)

    def _inherit(self, qual: str) -> Values:
        for base in self.ev.s.classes[qual].bases:
            for atom in list(self.ev.eval(base)):
                if atom.kind is Kind.CLASS and atom.name != qual:
                    self.ev.solver.grow(("children", atom.name), {Atom(Kind.CLASS, qual)})
        return EMPTY

    # ---- lookups (after the solve) -------------------------------------------------
    def arguments_for(self, param: Expr) -> List[Tuple[str, Expr]]:
        """(kind, expr) of every argument callers bind to ``["param", fn, name, index]``."""
        fn_name, name, index = str(param[1]), str(param[2]), str(param[3])
        return [(b.kind, b.expr) for b in self.bound.get(fn_name, []) if b.key in (index, name)]

    def passed_as(self, param: Expr, depth: int = 0) -> List[str]:
        """What callers pass for a parameter: a scheduler helper of the user's
        (``def every(fn, minutes): scheduler.add_job(fn, ...)``) schedules what it is given."""
        if depth > MAX_PASSED_DEPTH:
            return []
        found: List[str] = []
        for kind, expr in self.arguments_for(param):
            if kind != "ref":
                continue
            if expr[0] == "param":
                found.extend(self.passed_as(expr, depth + 1))
            else:
                found.extend(self._callables(expr))
        return list(dict.fromkeys(found))

    def _callables(self, expr: Expr) -> List[str]:
        return self.ev.solver.query(lambda: self.ev.callables(self.ev.eval(expr)))

    def passed_strings(self, param: Expr, depth: int = 0) -> List[str]:
        """The strings callers pass for a parameter, literally or as a module constant, through
        helpers that hand theirs on: the task or job names a helper queues or schedules by name
        (``schedule(NUDGE_TASK)``, ``queue.enqueue("summarise_doc")`` reaching ``enqueue_job(name)``)."""
        found: List[str] = []
        for _, expr in self.arguments_for(param) if depth < MAX_PASSED_DEPTH else []:
            found += self.strings_of(expr, depth + 1)
        return list(dict.fromkeys(found))

    def strings_of(self, expr: Expr, depth: int = 0) -> List[str]:
        """The strings ``expr`` names: a literal, a module constant, or a parameter's (``passed_strings``)."""
        if expr and expr[0] == "param":
            return self.passed_strings(expr, depth)
        if expr and expr[0] == "name":
            facts = self.ev.s.modules.get(str(expr[1]).rpartition(".")[0])
            values = facts.globals.get(str(expr[1]), []) if facts is not None else []
            expr = values[0] if len(values) == 1 else expr
        return [expr[1]] if expr and expr[0] == "str" and isinstance(expr[1], str) else []


def calls_with_arguments(calls: List[CallRef]) -> Iterable[Tuple[CallRef, List[CallRef]]]:
    """Each direct call (or coroutine call handed to ``create_task``, or callable queued:
    ``q.enqueue_call(func=f, args=(a,))``) with the arguments recorded at its position (a callable
    handed off, ``executor.submit(f, x)``, is one of them)."""
    arguments: Dict[Tuple[int, int], List[CallRef]] = {}
    for ref in calls:
        if ref.kind in ("ref", "arg", "queue") and ref.arg is not None and ref.arg != CALL_ARG:
            arguments.setdefault((ref.line, ref.col), []).append(ref)
    for ref in calls:
        direct = ref.kind == "call" or (ref.kind == "queue" and ref.arg in (CALL_ARG, None))
        if direct and (ref.line, ref.col) in arguments:
            yield ref, arguments[(ref.line, ref.col)]


def receiver_of(expr: Expr) -> Expr:
    """``x`` of ``x.m`` (an attribute, or a dotted name already resolved through imports)."""
    if expr and expr[0] == "attr":
        return list(expr[1])
    if expr and expr[0] == "name" and "." in str(expr[1]):
        return ["name", str(expr[1]).rpartition(".")[0]]
    return []


def method_of(expr: Expr) -> str:
    if expr and expr[0] == "attr":
        return str(expr[2])
    if expr and expr[0] == "name":
        return str(expr[1]).rsplit(".", 1)[-1]
    return ""
