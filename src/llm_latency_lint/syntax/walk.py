"""A read-only walk over a libcst tree, in libcst's visiting order, without its machinery.

``node.visit(visitor)`` rebuilds every node it passes (``_visit_and_replace_children``), which
a visitor that only reads does not need; on a cold run that rebuilding was most of the facts
time. This walk reads each node's fields in the order libcst's visitor visits them (the table
in ``cst_order``, generated from libcst's source) and calls the visitor's ``visit_<Node>`` and
``leave_<Node>`` with libcst's conventions: a ``visit_`` returning False skips the children,
and ``leave_`` is called either way. So a read-only visitor sees the same nodes in the same
order as under ``node.visit``. With another libcst version than the table's, ``walk`` uses
``node.visit`` itself.
"""
from __future__ import annotations

from operator import attrgetter
from typing import Any, Callable, Dict, List, Optional, Tuple, Type, TypeVar

import libcst as cst
from libcst._version import __version__ as _LIBCST_VERSION

from llm_latency_lint.syntax.order import FIELDS, LIBCST_VERSION

# Fields that hold only whitespace, comments or punctuation: never statements or expressions.
LAYOUT = frozenset({
    "leading_lines", "lines_after_decorators", "header", "footer", "trailing_whitespace", "empty_lines",
    "lpar", "rpar", "lbracket", "rbracket", "lbrace", "rbrace", "comma", "semicolon", "dot", "colon",
    "equal", "first_line", "last_line", "newline", "whitespace", "comment",
})
TABLE_MATCHES = _LIBCST_VERSION == LIBCST_VERSION
_Handler = Optional[Callable[[Any], Any]]


def _fields(kind: type, layout: bool, cache: Dict[type, Tuple[str, ...]]) -> Tuple[str, ...]:
    names = cache.get(kind)
    if names is None:
        names = FIELDS[kind.__name__]
        if not layout:
            names = tuple(n for n in names if n not in LAYOUT and not n.startswith("whitespace"))
        cache[kind] = names
    return names


_WITH_LAYOUT: Dict[type, Tuple[str, ...]] = {}
_CODE_ONLY: Dict[type, Tuple[str, ...]] = {}
_Reader = Callable[[Any], Tuple[Any, ...]]


def walk(node: cst.CSTNode, visitor: Any, layout: bool = True) -> None:
    """Visit ``node`` and everything under it with ``visitor``'s ``visit_``/``leave_`` methods.

    ``layout=False`` skips whitespace, comment and punctuation nodes (for visitors with no
    handler for them). Falls back to ``node.visit`` when the order table does not match the
    installed libcst, or for a node type the table lacks. A node type with no fields that the
    visitor has no handler for (``SimpleWhitespace``, ``Newline``: most nodes of a layout walk)
    is passed over, and a leave is stacked only for a node whose type has a ``leave_``: the
    visitor sees the same calls in the same order.
    """
    if not TABLE_MATCHES or type(node).__name__ not in FIELDS:
        node.visit(visitor if isinstance(visitor, cst.CSTVisitor) else _Adapter(visitor))
        return
    plans: Dict[type, _Plan] = {}
    shapes = _SHAPES
    stack: List[Any] = [node]  # nodes to visit, and (leave, node) pairs to leave
    while stack:
        current = stack.pop()
        if type(current) is tuple:
            current[0](current[1])
            continue
        kind = type(current)
        plan = plans.get(kind)
        if plan is None:
            plan = plans[kind] = _plan(kind, visitor, layout)
        if plan is _SKIP:
            continue
        if plan is _LIBCST:  # a node type newer than the table: libcst visits it
            current.visit(visitor if isinstance(visitor, cst.CSTVisitor) else _Adapter(visitor))
            continue
        visit, leave, read = plan
        if leave is not None:
            stack.append((leave, current))
        if visit is not None and visit(current) is False:
            continue
        if read is not None:
            children: List[cst.CSTNode] = []
            for value in read(current):
                shape = shapes.get(type(value)) or _shape(value)
                if shape == NODE:
                    children.append(value)
                elif shape == SEQUENCE:
                    children.extend(value)
            children.reverse()
            stack.extend(children)


_Plan = Tuple[_Handler, _Handler, Optional[_Reader]]
_SKIP: _Plan = (None, None, None)
_LIBCST: _Plan = (None, None, lambda node: ())


def _plan(kind: type, visitor: Any, layout: bool) -> _Plan:
    """What the walk does with a node of type ``kind``: its handlers and the reader of the
    fields to descend (None: no field to descend)."""
    name = kind.__name__
    if name not in FIELDS:
        return _LIBCST
    visit = _handler(visitor, f"visit_{name}")
    leave = _handler(visitor, f"leave_{name}")
    read = _reader(kind, layout)
    if visit is None and leave is None and read is None:
        return _SKIP
    return visit, leave, read


def _handler(visitor: Any, name: str) -> _Handler:
    """``visitor``'s method ``name``, or None when there is none or it is libcst's own no-op (a
    ``CSTVisitor`` subclass inherits one for every node type: calling them, and stacking a leave
    for every whitespace and comma, was a fifth of the facts walk)."""
    found = getattr(visitor, name, None)
    if found is not None and getattr(type(visitor), name, None) is getattr(cst.CSTVisitor, name, _NO_BASE):
        return None
    return found


_NO_BASE = object()


def _shape(value: Any) -> int:
    """NODE, SEQUENCE or OTHER for a field's value, cached by type: ``isinstance`` against
    ``cst.CSTNode`` (an ABC) costs a metaclass call, and the walk asks millions of times."""
    kind = type(value)
    shape = _SHAPES.get(kind)
    if shape is None:
        shape = _SHAPES[kind] = NODE if isinstance(value, cst.CSTNode) else (
            SEQUENCE if isinstance(value, (list, tuple)) else OTHER)
    return shape


NODE, SEQUENCE, OTHER = 1, 2, 3  # all true: ``_SHAPES.get(kind) or _shape(value)``
_SHAPES: Dict[type, int] = {}
_WITH_LAYOUT_READERS: Dict[type, Optional[_Reader]] = {}
_CODE_ONLY_READERS: Dict[type, Optional[_Reader]] = {}


def _reader(kind: type, layout: bool) -> Optional[_Reader]:
    """The values of ``kind``'s fields to descend, as one tuple read by one C call
    (``attrgetter``) instead of a ``getattr`` per field; None for a type with none. Kept per
    type: a walk starts for each function a recogniser reads, and a ``nodes_of`` per question."""
    readers = _WITH_LAYOUT_READERS if layout else _CODE_ONLY_READERS
    if kind in readers:
        return readers[kind]
    fields = _fields(kind, layout, _WITH_LAYOUT if layout else _CODE_ONLY)
    found: Optional[_Reader] = None
    if len(fields) > 1:
        found = attrgetter(*fields)
    elif fields:
        get = attrgetter(fields[0])
        found = lambda node: (get(node),)  # noqa: E731
    readers[kind] = found
    return found


def children(node: cst.CSTNode) -> List[cst.CSTNode]:
    """``node.children`` without whitespace, comments and punctuation, in the same order, read
    off the order table instead of libcst's rebuilding visitor (which costs about as much as a
    walk of the subtree per call). For code that looks for statements and expressions. A sequence
    field is taken whole: libcst types each as ``Sequence[<node class>]``."""
    kind = type(node)
    read = _CODE_ONLY_READERS[kind] if kind in _CODE_ONLY_READERS else (
        _reader(kind, False) if TABLE_MATCHES and kind.__name__ in FIELDS else _MISSING)
    if read is _MISSING:
        return [child for child in node.children if type(child).__name__ not in _LAYOUT_NODES]
    found: List[cst.CSTNode] = []
    if read is None:
        return found
    shapes = _SHAPES
    for value in read(node):
        shape = shapes.get(type(value)) or _shape(value)
        if shape == NODE:
            found.append(value)
        elif shape == SEQUENCE:
            found.extend(value)
    return found


_MISSING: _Reader = lambda node: ()  # noqa: E731


_Node = TypeVar("_Node", bound=cst.CSTNode)


class _Gather:
    """A visitor whose one handler, ``visit_<kind>``, keeps every node of that type."""

    def __init__(self, kind: Type[cst.CSTNode]) -> None:
        self.found: List[cst.CSTNode] = []
        setattr(self, f"visit_{kind.__name__}", self.found.append)


def nodes_of(node: cst.CSTNode, kind: Type[_Node]) -> List[_Node]:
    """Every ``kind`` node under ``node`` (itself included), in source order; layout skipped.
    The walk's order without its visitor: no plan of handlers made per call (recognisers ask
    this once per function or question)."""
    if not TABLE_MATCHES:
        gather = _Gather(kind)
        walk(node, gather, layout=False)
        return gather.found  # type: ignore[return-value]  # only ``kind`` nodes reach the handler
    found: List[Any] = []
    readers, shapes = _CODE_ONLY_READERS, _SHAPES
    stack: List[Any] = [node]
    while stack:
        current = stack.pop()
        current_kind = type(current)
        read = readers[current_kind] if current_kind in readers else (
            _reader(current_kind, False) if current_kind.__name__ in FIELDS else _MISSING)
        if read is _MISSING:  # a node type newer than the table: the walk's fallback
            gather = _Gather(kind)
            walk(current, gather, layout=False)
            found.extend(gather.found)
            continue
        if current_kind is kind:
            found.append(current)
        if read is not None:
            children: List[cst.CSTNode] = []
            for value in read(current):
                shape = shapes.get(type(value)) or _shape(value)
                if shape == NODE:
                    children.append(value)
                elif shape == SEQUENCE:
                    children.extend(value)
            children.reverse()
            stack.extend(children)
    return found


# Node types that only ever fill layout fields (what ``children`` leaves out in the fallback).
_LAYOUT_NODES = frozenset({
    "SimpleWhitespace", "ParenthesizedWhitespace", "TrailingWhitespace", "EmptyLine", "Newline", "Comment",
    "LeftParen", "RightParen", "LeftSquareBracket", "RightSquareBracket", "LeftCurlyBrace", "RightCurlyBrace",
    "Comma", "Semicolon", "Dot", "Colon", "AssignEqual",
})


class _Adapter(cst.CSTVisitor):
    """A plain object's ``visit_``/``leave_`` methods as a libcst visitor (the fallback)."""

    def __init__(self, target: Any) -> None:
        super().__init__()
        self._target = target

    def on_visit(self, node: cst.CSTNode) -> bool:
        handler = getattr(self._target, f"visit_{type(node).__name__}", None)
        return False if handler is not None and handler(node) is False else True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        handler = getattr(self._target, f"leave_{type(original_node).__name__}", None)
        if handler is not None:
            handler(original_node)
