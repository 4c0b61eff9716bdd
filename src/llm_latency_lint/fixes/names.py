"""Which names and attribute paths a piece of code reads, binds and mutates.

The loop analysis compares these sets: a request that reads something the loop body changes
cannot be built before the loop runs. Paths are dotted strings (``self.history``); two paths
conflict when one is a prefix of the other.
"""
from __future__ import annotations

from typing import Optional, Set

import libcst as cst

from llm_latency_lint.syntax.literals import dotted

# Methods that change the object they are called on (list, dict, set, deque, bytearray).
MUTATING_METHODS = frozenset(
    {
        "append", "extend", "insert", "pop", "popleft", "appendleft", "remove", "clear", "update",
        "setdefault", "add", "discard", "sort", "reverse", "popitem", "extendleft", "rotate",
        "send", "__setitem__", "__delitem__",
    }
)


def conflicts(a: str, b: str) -> bool:
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def _target_names(target: cst.BaseExpression, out: Set[str]) -> None:
    if isinstance(target, cst.Name):
        out.add(target.value)
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            _target_names(element.value, out)
    elif isinstance(target, cst.StarredElement):
        _target_names(target.value, out)


class _Collector(cst.CSTVisitor):
    def __init__(self) -> None:
        self.reads: Set[str] = set()
        self.binds: Set[str] = set()
        self.mutates: Set[str] = set()
        self.calls = 0
        self.impure = 0  # await, yield, walrus

    # reads: maximal dotted paths, and plain names
    def visit_Attribute(self, node: cst.Attribute) -> Optional[bool]:
        path = dotted(node)
        if path:
            self.reads.add(path)  # ``a.b.c``; a rebinding of ``a`` still conflicts by prefix
            return False
        return True

    def visit_Name(self, node: cst.Name) -> None:
        self.reads.add(node.value)

    def visit_Call(self, node: cst.Call) -> None:
        self.calls += 1
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in MUTATING_METHODS:
            path = dotted(func.value)
            if path:
                self.mutates.add(path)
        if isinstance(func, cst.Name) and func.value == "next" and node.args:
            path = dotted(node.args[0].value)
            if path:
                self.mutates.add(path)

    def visit_Await(self, node: cst.Await) -> None:
        self.impure += 1

    def visit_Yield(self, node: cst.Yield) -> None:
        self.impure += 1

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self.impure += 1
        _target_names(node.target, self.binds)

    # binds and mutations
    def _store(self, target: cst.BaseExpression) -> None:
        _target_names(target, self.binds)
        if isinstance(target, cst.Attribute):
            path = dotted(target)
            if path:
                self.mutates.add(path)
        elif isinstance(target, cst.Subscript):
            path = dotted(target.value)
            if path:
                self.mutates.add(path)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._store(element.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._store(target.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._store(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._store(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._store(node.target)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._store(node.asname.name)

    def visit_Del(self, node: cst.Del) -> None:
        self._store(node.target)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        name = node.asname.name if node.asname else node.name
        if isinstance(name, cst.Name):
            self.binds.add(name.value)
        elif isinstance(name, cst.Attribute):
            root = dotted(name)
            if root:
                self.binds.add(root.split(".", 1)[0])

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.binds.add(node.name.value)
        return False  # its body runs later, in its own scope

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.binds.add(node.name.value)
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False


def collect(*nodes: cst.CSTNode) -> _Collector:
    collector = _Collector()
    for node in nodes:
        node.visit(collector)
    return collector


def all_names(module: cst.Module, variables_only: bool = False) -> Set[str]:
    """Every identifier spelled anywhere in the module (for choosing fresh names); with
    ``variables_only``, the names it spells as variables, not attribute or keyword names (a batch
    variant's own locals must not shadow one of them)."""
    found: Set[str] = set()

    class _Names(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            found.add(node.value)

        def visit_Attribute(self, node: cst.Attribute) -> bool:
            if variables_only:
                node.value.visit(self)
            return not variables_only

        def visit_Arg(self, node: cst.Arg) -> bool:
            if variables_only:
                node.value.visit(self)
            return not variables_only

    module.visit(_Names())
    return found


def fresh(base: str, taken: Set[str]) -> str:
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name
