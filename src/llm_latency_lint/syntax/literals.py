"""Reading call arguments and literal values off libcst nodes, without evaluating anything."""
from __future__ import annotations

from typing import Any, Optional, Union

import libcst as cst


def dotted(node: Optional[cst.CSTNode]) -> Optional[str]:
    """``a.b.c`` for a name or an attribute chain of names; None for anything else (a call, a subscript)."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


def kwarg(call: cst.Call, name: str) -> Optional[cst.BaseExpression]:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
    return None


def positional(call: cst.Call, index: int) -> Optional[cst.BaseExpression]:
    args = [a for a in call.args if a.keyword is None and not a.star]
    return args[index].value if index < len(args) else None


def arg(call: cst.Call, name: str, index: int) -> Optional[cst.BaseExpression]:
    """A call argument given by keyword or by position."""
    found = kwarg(call, name)
    return found if found is not None else positional(call, index)


def literal(node: Optional[cst.BaseExpression]) -> Any:
    """The Python value of a literal expression, or ``None`` when it is not one."""
    if node is None:
        return None
    # by the node's own type: libcst's classes are ABCs, where each failing ``isinstance`` is a
    # Python call (its concrete node classes have no subclasses)
    if type(node) is cst.SimpleString:
        value: Union[str, bytes, None] = _plain(node.value)
        if value is None:
            value = node.evaluated_value
        return value.decode("latin-1") if isinstance(value, bytes) else value
    if type(node) is cst.ConcatenatedString:
        value = node.evaluated_value
        return value.decode("latin-1") if isinstance(value, bytes) else value
    if type(node) is cst.Integer:
        return int(node.value.replace("_", ""), 0) if not node.value.startswith("0") or node.value == "0" else None
    if type(node) is cst.Float:
        return float(node.value.replace("_", ""))
    if type(node) is cst.Name and node.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[node.value]
    if type(node) is cst.UnaryOperation and isinstance(node.operator, cst.Minus):
        inner = literal(node.expression)
        return -inner if isinstance(inner, (int, float)) else None
    if type(node) is cst.List or type(node) is cst.Tuple or type(node) is cst.Set:
        values = [literal(e.value) for e in node.elements if type(e) is not cst.StarredElement]
        return values
    return None


def _plain(source: str) -> Optional[str]:
    """The value of a string literal without prefix, escapes or carriage returns: the text between
    its quotes. ``evaluated_value`` compiles every literal (``ast.literal_eval``); most are plain."""
    if source[0] not in "\"'" or "\\" in source or "\r" in source:
        return None
    quote = 3 if source[:3] in ('"""', "'''") else 1
    return source[quote:-quote]


def joined_containers(node: cst.BinaryOperation) -> bool:
    """``MAIN_TOOLS + extra_tools``, ``[a] + more``: a concatenation of names or list displays (no
    string, number or f-string operand), whose value holds both sides' members."""
    sides = (node.left, node.right)
    plain = (cst.Name, cst.Attribute, cst.List, cst.Tuple)
    return isinstance(node.operator, cst.Add) and any(isinstance(side, plain) for side in sides) \
        and all(isinstance(side, (*plain, cst.BinaryOperation)) for side in sides)


def last_name(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return node.value if isinstance(node, cst.Name) else ""
