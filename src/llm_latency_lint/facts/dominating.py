"""The object a local holds where a method is called on it: the call bound just before, in straight-line code.

A function that binds one local to another object in each branch (``if note.file: analyzer =
NewNoteAnalyzer(); analyzer.analyze(note, user)`` / ``else: analyzer = ExistingNoteAnalyzer();
analyzer.analyze(note, user)``) calls, in each branch, the method of the object bound just before.
The flow-insensitive union of a local's values (``names._local``) sends each call to both classes,
and where only one can take the arguments (label policy 12's choice) to the other branch's class.
A plain ``name = factory(...)`` statement earlier in the same block, or in an enclosing block that
no loop re-enters, with no other binding of the name in between, decides which object the receiver
``name`` of ``name.method(...)`` is. Anything else (a loop carrying a later binding back, a handler
entered half-way through a ``try``, a nested function's ``nonlocal``) leaves the union.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Set

import libcst as cst

from llm_latency_lint.syntax.walk import walk

Held = Dict[str, cst.Call]  # local name -> the call whose result it holds here


def dominated_receivers(body: cst.BaseSuite, containers: Iterable[str] = ()) -> Dict[int, cst.Call]:
    """``id`` of each receiver ``Name`` in ``body`` (``name`` of ``name.method(...)``, not inside a
    nested def, lambda or comprehension) -> the call the name was bound to just before. Locals things
    are added to (``containers``: ``g = StateGraph(); g.add_node(...); g.compile()``) keep their
    identity as one object, never an inlined constructor call."""
    found: Dict[int, cst.Call] = {}
    _block(body, {}, found, _nonlocals(body) | set(containers))
    return found


def _block(suite: cst.BaseSuite, held: Held, found: Dict[int, cst.Call], never: Set[str]) -> Held:
    if isinstance(suite, cst.SimpleStatementSuite):
        return _smalls(suite.body, held, found, never)
    for stmt in suite.body if isinstance(suite, cst.IndentedBlock) else ():
        if isinstance(stmt, cst.SimpleStatementLine):
            held = _smalls(stmt.body, held, found, never)
        elif isinstance(stmt, cst.BaseCompoundStatement):
            held = _compound(stmt, held, found, never)
    return held


def _smalls(smalls: Iterable[cst.BaseSmallStatement], held: Held, found: Dict[int, cst.Call],
            never: Set[str]) -> Held:
    held = dict(held)
    for small in smalls:
        _uses(small, held, found)
        for name in _bound(small) if held else ():
            held.pop(name, None)
        if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.value, cst.Call):
            target = small.targets[0].target
            if isinstance(target, cst.Name) and target.value not in never:
                held[target.value] = small.value
    return held


def _compound(stmt: cst.BaseCompoundStatement, held: Held, found: Dict[int, cst.Call], never: Set[str]) -> Held:
    """Each block inside ``stmt`` starts from what holds before it, less what a loop or an
    exception handler may re-enter it with; after it, a name ``stmt`` binds anywhere holds the union."""
    bound = _bound(stmt) if held else set()  # (nothing held: no walk of the statement's subtree)
    after = {k: v for k, v in held.items() if k not in bound}
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        return after
    if isinstance(stmt, cst.If):
        _uses(stmt.test, held, found)
        _block(stmt.body, held, found, never)
        orelse = stmt.orelse
        if isinstance(orelse, cst.If):
            _compound(orelse, held, found, never)
        elif isinstance(orelse, cst.Else):
            _block(orelse.body, held, found, never)
    elif isinstance(stmt, cst.With):
        for item in stmt.items:
            _uses(item.item, held, found)
        _block(stmt.body, after, found, never)
    elif isinstance(stmt, (cst.For, cst.While)):
        if isinstance(stmt, cst.For):
            _uses(stmt.iter, held, found)
        _block(stmt.body, after, found, never)
        if stmt.orelse is not None:
            _block(stmt.orelse.body, after, found, never)
    elif isinstance(stmt, (cst.Try, cst.TryStar)):
        _block(stmt.body, held, found, never)
        for handler in stmt.handlers:
            _block(handler.body, after, found, never)
        for tail in (stmt.orelse, stmt.finalbody):
            if tail is not None:
                _block(tail.body, after, found, never)
    elif isinstance(stmt, cst.Match):
        _uses(stmt.subject, held, found)
        for case in stmt.cases:
            _block(case.body, held, found, never)
    return after


class _Receivers:
    """``name.method(...)`` receivers outside nested scopes."""

    def __init__(self) -> None:
        self.names: List[cst.Name] = []

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
            self.names.append(func.value)

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_ListComp(self, node: cst.ListComp) -> bool:
        return False

    def visit_SetComp(self, node: cst.SetComp) -> bool:
        return False

    def visit_DictComp(self, node: cst.DictComp) -> bool:
        return False

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> bool:
        return False


def _uses(node: cst.CSTNode, held: Held, found: Dict[int, cst.Call]) -> None:
    if not held:
        return
    seen = _Receivers()
    walk(node, seen, layout=False)
    walrus = _bound(node)  # ``(a := make()).run()`` binds the name inside the statement
    for name in seen.names:
        value = held.get(name.value)
        if value is not None and name.value not in walrus:
            found[id(name)] = value


class _Bindings:
    """Names a statement binds in the function's own scope (nested defs and classes bind their name only)."""

    def __init__(self) -> None:
        self.names: Set[str] = set()

    def _targets(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self.names.add(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._targets(element.value)
        elif isinstance(target, cst.StarredElement):
            self._targets(target.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._targets(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._targets(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._targets(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._targets(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:  # ``with ... as x``, ``except E as x``, imports
        if isinstance(node.name, (cst.Name, cst.Tuple, cst.List)):
            self._targets(node.name)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        if node.asname is None:
            self.names.add((node.evaluated_name or "").split(".")[0])

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._targets(node.target)

    def visit_Del(self, node: cst.Del) -> None:
        self._targets(node.target)

    def visit_MatchAs(self, node: cst.MatchAs) -> None:
        if node.name is not None:
            self._targets(node.name)

    def visit_MatchStar(self, node: cst.MatchStar) -> None:
        if node.name is not None:
            self._targets(node.name)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.names.add(node.name.value)
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.names.add(node.name.value)
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False


def _bound(node: cst.CSTNode) -> Set[str]:
    seen = _Bindings()
    walk(node, seen, layout=False)
    return seen.names


class _Nonlocals:
    def __init__(self) -> None:
        self.names: Set[str] = set()

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.names.update(item.name.value for item in node.names)

    def visit_Global(self, node: cst.Global) -> None:
        self.names.update(item.name.value for item in node.names)


def _nonlocals(body: cst.BaseSuite) -> Set[str]:
    """Names a nested function may rebind (``nonlocal``) or that are not locals at all (``global``)."""
    seen = _Nonlocals()
    walk(body, seen, layout=False)
    return seen.names
