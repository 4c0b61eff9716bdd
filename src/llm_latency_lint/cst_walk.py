"""A read-only pre-order walk over a libcst tree, without libcst's visitor machinery.

``node.visit(visitor)`` rebuilds every node it passes (``_visit_and_replace_children``), which
a collector that only reads does not need; on a cold run that second pass over each function
body cost about a sixth of the facts time. This walk reads the dataclass fields that can hold
code (statements, expressions) in their declared order and calls ``visit_<Node>`` handlers
with libcst's convention: a handler returning False skips the node's children.

The declared field order is source order for every field that can hold a statement, so
handlers that record statements see them in the order the visitor would.
"""
from __future__ import annotations

from dataclasses import fields
from typing import Any, Callable, Dict, List, Tuple

import libcst as cst

# Fields holding only whitespace, comments or punctuation: never code.
_LAYOUT = frozenset({
    "leading_lines", "lines_after_decorators", "header", "footer", "indent", "trailing_whitespace",
    "lpar", "rpar", "lbracket", "rbracket", "lbrace", "rbrace", "comma", "semicolon", "dot", "colon",
    "equal", "star", "asynchronous", "default_indent", "default_newline", "encoding",
})
_CODE_FIELDS: Dict[type, Tuple[str, ...]] = {}


def _code_fields(kind: type) -> Tuple[str, ...]:
    names = _CODE_FIELDS.get(kind)
    if names is None:
        names = tuple(f.name for f in fields(kind) if f.name not in _LAYOUT and not f.name.startswith("whitespace"))
        _CODE_FIELDS[kind] = names
    return names


def walk(node: cst.CSTNode, visitor: Any) -> None:
    """Call ``visitor.visit_<Type>(n)`` for ``node`` and every node under it, in pre-order."""
    handlers: Dict[type, Callable[[Any], Any]] = {}
    stack: List[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        kind = type(current)
        handler = handlers.get(kind)
        if handler is None:
            handler = getattr(visitor, f"visit_{kind.__name__}", None) or _none
            handlers[kind] = handler
        if handler(current) is False:
            continue
        children: List[cst.CSTNode] = []
        for name in _code_fields(kind):
            value = getattr(current, name)
            if isinstance(value, cst.CSTNode):
                children.append(value)
            elif isinstance(value, (list, tuple)):
                children.extend(item for item in value if isinstance(item, cst.CSTNode))
        stack.extend(reversed(children))


def _none(node: cst.CSTNode) -> None:
    return None
