"""Calls through a module dict looked up by a parameter: ``SUMMARIZERS[key]["func"](text)`` reaches
only the entries whose keys the parameter may hold (``project/dead_branches.py`` joins the callers).

A dict counts when the module binds its name once, to a dict literal whose keys are all plain
literals (no ``**`` splat), and the file reads it only as ``D[...]`` or ``D.get(...)`` (no write
through a subscript, no iteration, no ``update``, not handed anywhere: then any entry may run). In a
function, a value is *looked up* when it is ``D[p]`` / ``D.get(p)`` (no default: a key no entry
has runs the default) for a parameter ``p`` bound only as the parameter, or an item, attribute, call
or ``await`` of one, or a local every binding of which is one. Each call whose callee is looked up is
recorded per entry of ``D``: ``[call line, p, D, JSON [key repr], names the entry's value holds as
written...]``. Other modules are not read here: the project stage keeps every entry of a dict
another module changes or reads otherwise (``project/dead_branches.py``).
"""
from __future__ import annotations

import json
from typing import Any, Callable, Dict, Iterator, List, Optional, Set, Tuple

import libcst as cst

from llm_latency_lint.facts.branches import literal_repr
from llm_latency_lint.facts.constant_flags import FileBindings, bound_counts
from llm_latency_lint.syntax.literals import dotted
from llm_latency_lint.syntax.walk import children

__all__ = ["KeyedDicts", "keyed_calls", "keyed_dicts"]

Entries = List[Tuple[str, List[str]]]  # (key repr, dotted names the entry's value holds)
_LITERAL_NAMES = ("True", "False", "None")


def _names(node: cst.CSTNode, into: List[str]) -> None:
    """The dotted names ``node`` holds (``f``, ``providers.OpenAI``), outermost first."""
    if isinstance(node, (cst.Name, cst.Attribute)):
        name = dotted(node)
        if name is not None:
            if name not in _LITERAL_NAMES and name not in into:
                into.append(name)
            return
    for child in node.children:
        if isinstance(child, cst.Arg) and child.keyword is not None:
            _names(child.value, into)
        elif isinstance(child, cst.CSTNode):
            _names(child, into)


class _Uses:
    """Every ``Name`` of the module by value, and those read through a subscript or ``.get``."""

    def __init__(self) -> None:
        self.all: Dict[str, int] = {}
        self.read: Dict[str, int] = {}
        self.written: Set[str] = set()

    def visit(self, node: cst.CSTNode) -> None:
        """One pass over the code (layout nodes hold no names); node types told by ``type``:
        libcst's concrete classes have no subclasses, and an ABC ``isinstance`` is a Python call."""
        stack: List[Any] = [node]  # node types are told by ``type`` below, which mypy does not narrow by
        everything, read = self.all, self.read
        while stack:
            current = stack.pop()
            kind = type(current)
            if kind is cst.Name:
                everything[current.value] = everything.get(current.value, 0) + 1
                continue  # a name has no names under it
            if kind is cst.Subscript and type(current.value) is cst.Name:
                read[current.value.value] = read.get(current.value.value, 0) + 1
            elif (kind is cst.Call and type(current.func) is cst.Attribute
                  and type(current.func.value) is cst.Name and current.func.attr.value == "get"):
                read[current.func.value.value] = read.get(current.func.value.value, 0) + 1
            elif kind in _TARGETED:
                target = current.target
                if type(target) is cst.Subscript and type(target.value) is cst.Name:
                    self.written.add(target.value.value)
            if kind is cst.Attribute:  # ``x.D``: the attribute's name is not the dict
                stack.append(current.value)
                continue
            stack.extend(children(current))


_TARGETED = frozenset({cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.Del})


def keyed_dicts(module: cst.Module, bindings: Optional[FileBindings] = None) -> Dict[str, Entries]:
    """Module-level dict literals read only by key (see the module doc), by name. ``bindings``:
    the file's binding counts, shared with its flags."""
    found: Dict[str, cst.Dict] = {}
    for line in module.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for stmt in line.body:
            value: Optional[cst.BaseExpression]
            if isinstance(stmt, cst.Assign) and len(stmt.targets) == 1:
                target, value = stmt.targets[0].target, stmt.value
            elif isinstance(stmt, cst.AnnAssign):
                target, value = stmt.target, stmt.value
            else:
                continue
            if isinstance(target, cst.Name) and isinstance(value, cst.Dict):
                found[target.value] = value
    if not found:
        return {}
    counts = bindings.counts() if bindings is not None else bound_counts(module)
    uses = _Uses()
    uses.visit(module)
    tables: Dict[str, Entries] = {}
    for name, literal in found.items():
        # one binding; every other occurrence a read by key (the binding's own target is one more)
        if counts.get(name) != 1 or name in uses.written or uses.all.get(name, 0) != uses.read.get(name, 0) + 1:
            continue
        entries: Entries = []
        for element in literal.elements:
            key = literal_repr(element.key) if isinstance(element, cst.DictElement) else None
            if key is None or not isinstance(element, cst.DictElement):
                break
            names: List[str] = []
            _names(element.value, names)
            entries.append((key, names))
        else:
            tables[name] = entries
    return tables


class KeyedDicts:
    """``keyed_dicts`` of a module, found the first time a function asks (a file without functions
    or dict literals pays nothing)."""

    def __init__(self, module: cst.Module, bindings: Optional[FileBindings] = None) -> None:
        self._module = module
        self._bindings = bindings
        self._tables: Optional[Dict[str, Entries]] = None

    def tables(self) -> Dict[str, Entries]:
        if self._tables is None:
            self._tables = keyed_dicts(self._module, self._bindings)
        return self._tables


def _key_param(node: cst.BaseExpression, tables: Dict[str, Entries], params: Set[str]) -> Optional[Tuple[str, str]]:
    """(dict, parameter) when ``node`` is ``D[p]`` or ``D.get(p)``."""
    if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name) and node.value.value in tables:
        index = node.slice[0].slice if len(node.slice) == 1 else None
        key = index.value if isinstance(index, cst.Index) else None
        if isinstance(key, cst.Name) and key.value in params:
            return node.value.value, key.value
    if (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get"
            and isinstance(node.func.value, cst.Name) and node.func.value.value in tables and len(node.args) == 1
            and node.args[0].keyword is None and isinstance(node.args[0].value, cst.Name)
            and node.args[0].value.value in params):
        return node.func.value.value, node.args[0].value.value
    return None


def _looked_up(node: cst.BaseExpression, tables: Dict[str, Entries], params: Set[str],
               local: Dict[str, Tuple[str, str]]) -> Optional[Tuple[str, str]]:
    direct = _key_param(node, tables, params)
    if direct is not None:
        return direct
    if isinstance(node, cst.Name):
        return local.get(node.value)
    if isinstance(node, (cst.Subscript, cst.Attribute)):
        return _looked_up(node.value, tables, params, local)
    if isinstance(node, cst.Call):
        return _looked_up(node.func, tables, params, local)
    if isinstance(node, cst.Await):
        return _looked_up(node.expression, tables, params, local)
    return None


def _own(node: cst.FunctionDef) -> Iterator[cst.CSTNode]:
    """The nodes of ``node``'s body, not of the functions or classes defined in it."""
    stack: List[cst.CSTNode] = [node.body]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(c for c in children(current) if type(c) is not cst.FunctionDef and type(c) is not cst.ClassDef)


def keyed_calls(node: cst.FunctionDef, tables: Dict[str, Entries], line: Callable[[cst.CSTNode], int],
                ) -> List[List[str]]:
    """``FunctionFacts.lookups`` of ``node`` (see the module doc)."""
    if not tables:
        return []
    params = {p.name.value for p in list(node.params.posonly_params) + list(node.params.params)
              + list(node.params.kwonly_params)}
    own = list(_own(node))
    counts = bound_counts(node.body)
    params = {p for p in params if p not in counts}  # bound again in the body: not the caller's value
    if not params:
        return []
    assigns = [n for n in own if isinstance(n, cst.Assign) and len(n.targets) == 1
               and isinstance(n.targets[0].target, cst.Name)]
    local: Dict[str, Tuple[str, str]] = {}
    for _ in range(4):  # chains of locals: ``entry = D[p]``, ``func = entry["func"]``
        for assign in assigns:
            name = assign.targets[0].target.value  # type: ignore[attr-defined]
            found = _looked_up(assign.value, tables, params, local)
            if found is not None and counts.get(name) == 1:
                local[name] = found
    rows: List[List[str]] = []
    for call in (n for n in own if isinstance(n, cst.Call)):
        found = _looked_up(call.func, tables, params, local)
        if found is None:
            continue
        table, param = found
        at = str(line(call))
        rows.extend([at, param, table, json.dumps([key]), *names] for key, names in tables[table] if names)
    return rows
