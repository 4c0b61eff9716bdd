"""Names the call graph may not show all the callers of (``dead_branches``, ``unregistered``): a
function whose name some expression holds other than as a call the graph linked to it may be
called some way the edges miss, so what its parameters hold, or whether it runs, stays open."""
from __future__ import annotations

from typing import Dict, List, Set, Tuple

from llm_latency_lint.expr import ATTR, CALL, NAME, SHAPES, STR, Expr
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.graph import Project

__all__ = ["escaped_names"]

_NAMING = (NAME, ATTR, STR)  # the tags whose strings name something (a ``param``'s are keys)


def _names(expr: Expr, into: Set[str]) -> None:
    """The last segment of every name, attribute and string ``expr`` holds (``getattr(w, "run")``)."""
    if expr and expr[0] == CALL:  # a call's result: the callee is a call (its own ``CallRef``)
        callee, literal = expr[1], expr[2] if len(expr) > 2 else None
        if isinstance(literal, str):
            into.add(literal.rsplit(".", 1)[-1])
        if isinstance(callee, list) and callee and callee[0] == ATTR:
            _names(callee[1], into)
        elif isinstance(callee, list) and callee and callee[0] != NAME:
            _names(callee, into)
        return
    kinds = SHAPES.get(expr[0], ()) if expr else ()
    for kind, value in zip(kinds, expr[1:]):
        if kind == "e" and isinstance(value, list):
            _names(value, into)
        elif kind == "E" and isinstance(value, list):
            for item in value:
                if isinstance(item, list):
                    _names(item, into)
        elif kind in ("s", "s?") and isinstance(value, str) and expr[0] in _NAMING:
            into.add(value.rsplit(".", 1)[-1])


def escaped_names(project: Project, edges: Dict[str, List[Edge]]) -> Set[str]:
    """Names some expression holds other than a call the graph linked to a project function of that
    name: a method called on an untyped receiver the name-based links skip, ``getattr(w, "run")``,
    a function passed, stored or returned. A function of such a name may have callers the edges miss.
    What a trigger targets does not count: its starts are counted apart (``started_functions``);
    nor does a module's ``__all__``: an export list names what others may import, and runs nothing."""
    linked: Dict[Tuple[str, int], Set[str]] = {}
    for found in edges.values():
        for edge in found:
            target = project.functions.get(edge.dst)
            if edge.kind == "call" and target is not None:
                fn = target[0]
                names = linked.setdefault((edge.src, edge.line), set())
                names.add(fn.name)
                if fn.cls and fn.name == "__init__":
                    names.add(fn.cls.rsplit(".", 1)[-1])
    found_names: Set[str] = set()
    for facts in project.files:
        for fn in facts.functions.values():
            for ref in fn.calls:
                if not (ref.kind == "call" and ref.shape and ref.shape[0] in linked.get((fn.qualname, ref.line), ())):
                    _names(ref.expr, found_names)
        refs = {id(ref.expr) for f in facts.functions.values() for ref in f.calls}
        refs.update(id(t.target) for t in facts.triggers)  # a trigger that counts starts it (``started``)
        refs.update(id(e) for e in facts.globals.get(f"{facts.module}.__all__", ()))  # names exported, not used
        for expr in facts.expressions():
            if id(expr) not in refs:
                _names(expr, found_names)
    return found_names
