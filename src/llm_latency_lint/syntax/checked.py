"""What CPython's parse of a file leaves for the rest of its analysis, without the tree itself.

``parse.check_python`` parses every file with CPython before libcst does, and measures the
tree: its nesting (a file nested too deep is not parsed; the summed depth predicts libcst's
native parse time) and the positions ``syntax.positions`` reads instead of libcst's
``PositionProvider``. The prefilter's selection parses most of the files it keeps with CPython
too (``facts.exports``, for their top-level names): it hands its tree to ``measured``, so that
the check of the same text later in the process, or in the pool worker the text is sent to
(``take``, ``vouch``), does not parse it again. What is kept is a few flat integer arrays per file,
never the trees, so the selection's 600 files do not hold 600 trees in memory.
"""
from __future__ import annotations

import ast
from array import array
from typing import Dict, List, Optional, Set, Tuple

MAX_DEPTH = 200  # AST nesting; real code stays far below, generated chains do not

# CPython's nodes whose positions the facts pass reads (``syntax.positions``), gathered while the
# tree is measured: no second walk of it.
POSITIONED = (ast.Call, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.While, ast.For, ast.AsyncFor,
              ast.JoinedStr)
Raw = Tuple[int, int, int, int]  # CPython's lineno, col_offset (UTF-8 bytes), end_lineno, end_col_offset


class Checked:
    """What the facts pass keeps of CPython's tree of a text: the summed nesting ``cost`` and the
    raw positions, in source order (``order``), of the nodes ``syntax.positions`` pairs with
    libcst's: calls outside f-strings, ``def``s, classes, ``if``s, ``while``s, ``for``s, decorators, and the
    outermost f-strings that hold a call. Flat integer arrays, not the tree: small enough to keep
    for every file the prefilter's selection parsed, and cheap to hand to a pool worker."""

    def __init__(self, cost: int, spans: Dict[str, "array[int]"]) -> None:
        self.cost = cost
        self.spans = spans

    def raw(self, kind: str) -> List[Raw]:
        """The spans of one kind ("calls", "defs", "classes", "ifs", "whiles", "fors", "decorators",
        "fstrings")."""
        flat = self.spans[kind]
        return [(flat[i], flat[i + 1], flat[i + 2], flat[i + 3]) for i in range(0, len(flat), 4)]

    @classmethod
    def of(cls, cost: int, nodes: Dict[type, List[ast.AST]]) -> "Checked":
        inside: Set[int] = set()  # every node under an f-string (nested f-strings too)
        holding: Set[int] = set()  # the outermost f-strings with a call somewhere inside
        for joined in nodes[ast.JoinedStr]:  # outer before inner (``_measure`` lists parents first)
            if id(joined) not in inside and _mark_under(joined, inside):
                holding.add(id(joined))
        defs = nodes[ast.FunctionDef] + nodes[ast.AsyncFunctionDef]
        groups: Dict[str, List[ast.AST]] = {
            "calls": [n for n in nodes[ast.Call] if id(n) not in inside],
            "defs": defs,
            "classes": nodes[ast.ClassDef],
            "ifs": nodes[ast.If],
            "whiles": nodes[ast.While],
            "fors": nodes[ast.For] + nodes[ast.AsyncFor],  # libcst's ``For`` is both (``asynchronous``)
            "decorators": [d for n in [*defs, *nodes[ast.ClassDef]] for d in n.decorator_list],  # type: ignore[attr-defined]
            "fstrings": [n for n in nodes[ast.JoinedStr] if id(n) in holding],
        }
        spans: Dict[str, "array[int]"] = {}
        for kind, found in groups.items():
            flat: "array[int]" = array("l")
            for raw in sorted(map(_raw, found), key=order):
                flat.extend(raw)
            spans[kind] = flat
        return cls(cost, spans)


def _raw(node: ast.AST) -> Raw:
    line = node.lineno  # type: ignore[attr-defined]
    return (line, node.col_offset, node.end_lineno or line, node.end_col_offset or 0)  # type: ignore[attr-defined]


def order(raw: Raw) -> Raw:
    """Source order, an enclosing node before the nodes it starts with (``f(x)(y)``)."""
    return (raw[0], raw[1], -raw[2], -raw[3])


def _mark_under(top: ast.AST, inside: Set[int]) -> bool:
    """Adds the ids of every node under ``top`` to ``inside``; whether a call is among them. Read
    off ``_fields`` like ``_measure`` (``ast.walk``'s generators were most of the prefilter's check)."""
    holds = False
    stack = [top]
    node_type, call = ast.AST, ast.Call
    while stack:
        node = stack.pop()
        for name in node._fields:
            value = getattr(node, name, None)
            for item in value if isinstance(value, list) else (value,):
                if isinstance(item, node_type):
                    inside.add(id(item))
                    holds = holds or isinstance(item, call)
                    stack.append(item)
    return holds


# The last text checked in this process and what was kept of its tree (``checked_tree``); a
# text checked earlier, by the prefilter's selection (``measured``), waits in ``_handed`` until
# its facts are extracted (``take``). Keyed by the text object itself: an equal text read
# elsewhere is not vouched for.
_last: List[Tuple[str, Checked]] = []
_handed: Dict[int, Tuple[str, Checked]] = {}


def checked_tree(text: str) -> Optional[Checked]:
    """What was kept of CPython's tree of ``text`` if ``check_python`` just read (or was handed)
    that very text object, else None (newer syntax that only libcst reads)."""
    return _last[0][1] if _last and _last[0][0] is text else None


def _measure(tree: ast.AST, limit: int, found: Optional[Dict[type, List[ast.AST]]] = None) -> "tuple[int, int]":
    """(deepest nesting, summed depth of every node), stopping once deeper than ``limit``;
    nodes of the types ``found`` has keys for are appended to its lists. Children are read off
    ``_fields`` in ``ast.iter_child_nodes``'s order, without its generators (half the time)."""
    deepest = total = 0
    stack = [(tree, 1)]
    pop, push = stack.pop, stack.append
    bucket_of = (found if found is not None else {}).get
    node_type = ast.AST
    while stack:
        node, depth = pop()
        total += depth
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                return deepest, total
        bucket = bucket_of(type(node))
        if bucket is not None:
            bucket.append(node)
        depth += 1
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, node_type):
                        push((item, depth))
            elif isinstance(value, node_type):
                push((value, depth))
    return deepest, total


def measure(tree: ast.Module, limit: int = MAX_DEPTH) -> Optional[Checked]:
    """What the check keeps of ``tree``; None when it is nested deeper than ``limit``."""
    found: Dict[type, List[ast.AST]] = {kind: [] for kind in POSITIONED}
    deepest, cost = _measure(tree, limit, found)
    return None if deepest > limit else Checked.of(cost, found)


def measured(text: str, tree: ast.Module) -> None:
    """``tree``, CPython's parse of ``text`` made by someone else (the prefilter's selection
    reading a module's exports), measured now so that the check of the same text object later
    in this process (or in a worker it is ``handed`` to) needs no second parse."""
    verdict = measure(tree)
    if verdict is not None:
        _handed[id(text)] = (text, verdict)


def hand(text: str, verdict: Checked) -> None:
    """A verdict made in another process for this text object (a flake8 worker's selection,
    sent to ``facts.child``): it waits for ``take`` as one ``measured`` here would."""
    _handed[id(text)] = (text, verdict)


def take(text: str) -> Optional[Checked]:
    """The verdict ``measured`` kept for this text object, removed from the waiting ones."""
    found = _handed.pop(id(text), None)
    return found[1] if found is not None and found[0] is text else None


def forget() -> None:
    """Drop every verdict still waiting (a new scan: the texts it was made for are gone)."""
    _handed.clear()


def vouch(text: str, verdict: Checked) -> None:
    """``check_python(text)`` passed (here, or in the process that handed this job over)."""
    _last[:] = [(text, verdict)]


def recall(text: str) -> Optional[Checked]:
    """The verdict on this very text object if it was checked or ``measured`` already, else None."""
    if _last and _last[0][0] is text:
        return _last[0][1]
    known = take(text)
    if known is not None:
        vouch(text, known)
    return known
