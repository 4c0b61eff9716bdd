"""What a loop function's callers pass for its parameters (``sleep_loops.py``): the calls of a
file with the values their function binds to local names, the argument a call passes for a
parameter, and the names a body binds again. Walked with ``syntax.walk.children`` (libcst's
``node.children`` rebuilds every node it passes)."""
from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple

import libcst as cst

from llm_latency_lint.syntax.walk import children


class ScopedCalls:
    """The calls of a file by the name they call (``watch(...)``, ``self.watch(...)``: "watch"),
    each with what its function assigns to each local name (module level: none). Those values
    are read only for the functions holding a call some question names (one walk of a body each)."""

    def __init__(self, tree: cst.Module) -> None:
        self._by_name: Dict[str, List[Tuple[cst.Call, Optional[cst.CSTNode]]]] = {}
        self._bound: Dict[int, Dict[str, List[cst.BaseExpression]]] = {}
        stack: List[Tuple[cst.CSTNode, Optional[cst.CSTNode]]] = [(tree, None)]
        while stack:
            node, body = stack.pop()
            if type(node) is cst.FunctionDef:  # not ``isinstance``: libcst's ABCs make a failing one a Python call
                body = node.body
            elif type(node) is cst.Call:
                func = node.func
                name = func.attr.value if isinstance(func, cst.Attribute) else (
                    func.value if isinstance(func, cst.Name) else None)
                if name is not None:
                    self._by_name.setdefault(name, []).append((node, body))
            stack.extend((child, body) for child in children(node))

    def of(self, name: str) -> List[Tuple[cst.Call, Dict[str, List[cst.BaseExpression]]]]:
        """The calls of ``name``, in the file's walk order, with their function's local values."""
        return [(call, self._assigned(body)) for call, body in self._by_name.get(name, ())]

    def _assigned(self, body: Optional[cst.CSTNode]) -> Dict[str, List[cst.BaseExpression]]:
        if body is None:
            return {}
        found = self._bound.get(id(body))
        if found is None:
            found = self._bound[id(body)] = _assigned(body)
        return found


def _walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(children(current))


def passed_for(calls: Sequence[cst.Call], name: str, param: cst.Param,
               ordered: Sequence[cst.Param]) -> Iterator[cst.BaseExpression]:
    """What calls of ``name`` (``watch(...)``, ``self.watch(...)``) pass for ``param``, by keyword or position."""
    index = next((at for at, p in enumerate(ordered) if p is param), None)
    for call in calls:
        func = call.func
        method = isinstance(func, cst.Attribute) and func.attr.value == name
        if not (method or isinstance(func, cst.Name) and func.value == name):
            continue
        skip = 1 if method and ordered and ordered[0].name.value in ("self", "cls") else 0
        for at, arg in enumerate(call.args):
            if arg.star:
                break
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword == param.name.value or keyword is None and index is not None and at + skip == index:
                yield arg.value


def rebound_names(body: cst.CSTNode) -> Set[str]:
    """Names ``body`` assigns (``x = ...``, ``x: T = ...``, ``x += ...``, ``for x in``, ``(x := ...)``)."""
    found: Set[str] = set()
    for node in _walk(body):
        targets: List[cst.CSTNode] = []
        if isinstance(node, cst.Assign):
            targets = [t.target for t in node.targets]
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign, cst.NamedExpr)):
            targets = [node.target]
        elif isinstance(node, (cst.For, cst.CompFor)):
            targets = [node.target]
        for target in targets:
            found.update(n.value for n in _walk(target) if isinstance(n, cst.Name))
    return found


def _assigned(body: cst.CSTNode) -> Dict[str, List[cst.BaseExpression]]:
    """Local name -> each value assigned to it in ``body`` (its own scope)."""
    found: Dict[str, List[cst.BaseExpression]] = {}
    stack = list(children(body))
    while stack:
        node = stack.pop()
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        if isinstance(node, cst.Assign):
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    found.setdefault(target.target.value, []).append(node.value)
        elif isinstance(node, cst.AnnAssign) and isinstance(node.target, cst.Name) and node.value is not None:
            found.setdefault(node.target.value, []).append(node.value)
        elif isinstance(node, (cst.AugAssign, cst.NamedExpr, cst.For)):
            for name in _walk(node.target):  # bound otherwise too: no one value
                if isinstance(name, cst.Name):
                    found.setdefault(name.value, []).extend([cst.Ellipsis(), cst.Ellipsis()])
        stack.extend(children(node))
    return found
