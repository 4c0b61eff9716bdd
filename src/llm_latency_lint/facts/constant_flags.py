"""Function-local flags bound once to a false literal: ``dry = False`` ... ``if dry:`` never runs its body.

A name counts only when the file binds it exactly once, by a plain ``NAME = False`` / ``0`` /
``None`` / ``""`` (no other assignment, ``global``, ``nonlocal``, import, parameter, loop or ``with``
target of that name anywhere in the file), in the function whose code tests it. Class-level flags
stay live (the class's users may set them); module-level ones (``FileBindings.module_flags``) are settled by
the project stage (``facts/flag_branches.py``, ``project/false_flags.py``): another module may set
them (``config.DEBUG = True``) and the facts pass sees one file. A file that writes names dynamically
(``import *``, ``globals()``, ``setattr(``, ``vars(``) has no flags at all.
"""
from __future__ import annotations

import re
from typing import AbstractSet, Dict, Iterator, List, Optional, Tuple

import libcst as cst

from llm_latency_lint.syntax.walk import children, walk

__all__ = ["FileBindings", "binders", "bound_counts", "flag_false", "maybe_flags", "names_bound"]

# A line binding a name to a false literal, and a test reading one: the walk runs only where both are.
_BOUND = re.compile(r"^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*(?:False|None|0|\"\"|'')[ \t]*(?:#.*)?$", re.M)

MODULE = 0  # the owner of a module-level binding (a function's owner is ``id`` of its ``FunctionDef``)
_CLASS = -1  # the owner of a class body's binding: no test's owner, so never a flag
_TESTED = re.compile(r"\b(?:if|elif|while)[ \t(]+([A-Za-z_]\w*)[ \t)]*:")  # a name a test reads alone
_DYNAMIC = re.compile(r"\bimport[ \t]+\*|\b(?:globals|setattr|vars)[ \t]*\(")  # names written unseen


def _targets(node: Optional[cst.CSTNode]) -> Iterator[str]:
    if isinstance(node, cst.Name):
        yield node.value
    elif isinstance(node, (cst.Tuple, cst.List)):
        for element in node.elements:
            yield from _targets(element.value)
    elif isinstance(node, (cst.StarredElement, cst.AssignTarget)):
        yield from _targets(node.value if isinstance(node, cst.StarredElement) else node.target)
    elif isinstance(node, (cst.Attribute, cst.Subscript)) or node is None:
        return


def names_bound(node: cst.CSTNode) -> Iterator[str]:
    """The names one node binds (an assignment's targets, a loop's, an import's, a ``global``...)."""
    if isinstance(node, cst.Assign):
        for target in node.targets:
            yield from _targets(target.target)
    elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For, cst.CompFor, cst.NamedExpr)):
        yield from _targets(node.target)
    elif isinstance(node, cst.WithItem) and node.asname is not None:
        yield from _targets(node.asname.name)
    elif isinstance(node, (cst.Global, cst.Nonlocal)):
        yield from (item.name.value for item in node.names)
    elif isinstance(node, cst.ImportAlias):
        name = node.asname.name if node.asname is not None else node.name
        yield name.value if isinstance(name, cst.Name) else cst.Module([]).code_for_node(name).split(".")[0]
    elif isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Param)):
        yield node.name.value
    elif isinstance(node, cst.ExceptHandler) and node.name is not None:
        yield from _targets(node.name.name)
    elif isinstance(node, cst.Del):
        yield from _targets(node.target)
    elif isinstance(node, (cst.MatchAs, cst.MatchStar)) and node.name is not None:
        yield node.name.value


_BINDERS = (cst.Assign, cst.AugAssign, cst.AnnAssign, cst.For, cst.CompFor, cst.NamedExpr, cst.WithItem, cst.Global,
             cst.Nonlocal, cst.ImportAlias, cst.FunctionDef, cst.ClassDef, cst.Param, cst.ExceptHandler, cst.Del,
             cst.MatchAs, cst.MatchStar)


class _Gather:
    """Keeps every node of a ``_BINDERS`` type (``walk`` calls ``visit_<type name>``)."""

    def __init__(self) -> None:
        self.found: List[cst.CSTNode] = []
        for kind in _BINDERS:
            setattr(self, f"visit_{kind.__name__}", self.found.append)


def binders(module: cst.CSTNode) -> List[cst.CSTNode]:
    gather = _Gather()
    walk(module, gather, layout=False)
    return gather.found


def bound_counts(node: cst.CSTNode) -> Dict[str, int]:
    """How many times each name is bound under ``node`` (``names_bound`` of every binder)."""
    counts: Dict[str, int] = {}
    for binder in binders(node):
        for name in names_bound(binder):
            counts[name] = counts.get(name, 0) + 1
    return counts


def _false_literal(value: cst.BaseExpression) -> bool:
    if isinstance(value, cst.Name):
        return value.value in ("False", "None")
    if isinstance(value, cst.Integer):
        return value.value == "0"
    return isinstance(value, cst.SimpleString) and value.value in ('""', "''")


def _owners(module: cst.Module) -> Iterator[tuple]:
    """(statement, owning function id or ``MODULE``) for every simple statement line (expressions
    are not descended: a lambda's body is an expression)."""
    pending: List[Tuple[cst.CSTNode, int]] = [(module, MODULE)]
    expression = _EXPRESSION_TYPES
    while pending:
        node, owner = pending.pop()
        for child in children(node):  # layout nodes left out: none holds a statement
            kind = type(child)
            if kind is cst.SimpleStatementLine:
                yield child, owner
            elif not (expression[kind] if kind in expression else _is_expression(kind)):
                pending.append((child, id(child) if kind is cst.FunctionDef else _CLASS if kind is cst.ClassDef else owner))


_EXPRESSION_TYPES: Dict[type, bool] = {}


def _is_expression(kind: type) -> bool:
    """``issubclass(kind, cst.BaseExpression)``, kept per type (an ABC check is a Python call)."""
    found = _EXPRESSION_TYPES[kind] = issubclass(kind, cst.BaseExpression)
    return found


def _bound_false(module: cst.Module, counts: Dict[str, int]) -> Iterator[Tuple[str, int, cst.SimpleStatementLine]]:
    """(name, owner, the line binding it) for each name the file binds once, to a false literal."""
    for line, owner in _owners(module):
        for stmt in line.body:
            if (isinstance(stmt, cst.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0].target, cst.Name)
                    and counts.get(stmt.targets[0].target.value) == 1 and _false_literal(stmt.value)):
                yield stmt.targets[0].target.value, owner, line


Bound = List[Tuple[str, int, cst.SimpleStatementLine]]  # ``_bound_false``'s rows


def _function_owned(bound: Bound) -> Dict[str, int]:
    # a module's or a class's flag may be set from outside the file, or by the class's users: live
    return {name: owner for name, owner, _ in bound if owner not in (MODULE, _CLASS)}


def _module_owned(bound: Bound) -> Dict[str, cst.SimpleStatementLine]:
    return {name: line for name, owner, line in bound if owner == MODULE}


class FileBindings:
    """One file's binding counts and false flags, each found once and only when first asked:
    ``keyed_calls``' dicts, ``unreachable``'s function flags and ``flag_branches``' module flags
    all count the whole module's bindings, and both kinds of flag come from one look for them
    (``maybe_flags`` on the text, then the walk)."""

    def __init__(self, module: cst.Module, text: str) -> None:
        self._module = module
        self._text = text
        self._counts: Optional[Dict[str, int]] = None
        self._bound: Optional[Bound] = None

    def counts(self) -> Dict[str, int]:
        if self._counts is None:
            self._counts = bound_counts(self._module)
        return self._counts

    def _flags(self) -> Bound:
        if self._bound is None:
            self._bound = list(_bound_false(self._module, self.counts())) if self._text and maybe_flags(self._text) else []
        return self._bound

    def false_flags(self) -> Dict[str, int]:
        return _function_owned(self._flags())

    def module_flags(self) -> Dict[str, cst.SimpleStatementLine]:
        return _module_owned(self._flags())


def maybe_flags(text: str) -> bool:
    """The source may hold a flag a test reads (a cheap look before the walk): one pass for the
    bound names, one for the tested ones; none where names are written dynamically."""
    return not _DYNAMIC.search(text) and not set(_BOUND.findall(text)).isdisjoint(_TESTED.findall(text))


def flag_false(test: cst.BaseExpression, flags: Dict[str, int], owners: AbstractSet[int]) -> bool:
    """``test`` is a flag of ``flags`` bound in one of ``owners`` (the test's enclosing functions)."""
    return isinstance(test, cst.Name) and test.value in flags and flags[test.value] in owners
