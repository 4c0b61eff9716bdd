"""The expression language facts use for what needs other files to be understood.

An ``Expr`` is a small JSON list ``[tag, *fields]`` (the cache stores it as is). This module owns
the tags, builds expressions and reads them, and checks a stored one: a mistyped tag from a cache
entry is an ``ExprError`` (the entry is then rebuilt), never a silent "unknown".

| tag | fields | means |
| --- | --- | --- |
| ``name`` | dotted | a module-level name resolved through imports (``pkg.mod.thing``) |
| ``attr`` | expr, field | attribute access |
| ``call`` | expr, first string literal or None | calling ``expr`` |
| ``type`` | dotted | an instance of a class (from an annotation) |
| ``declared`` | dotted | a return annotation: an instance of it where the returns hold nothing more precise |
| ``self`` | class qualname | ``self``/``cls`` in a method of that class |
| ``super`` | class qualname | ``super()`` in a method of that class |
| ``pipe`` | expr, expr | ``a | b`` (LangChain composition) |
| ``str`` | value | a string literal (dotted task names and the like) |
| ``many`` | [expr, ...] | a container literal: its values |
| ``item`` | expr | an element of a container (``X[k]``, ``for x in X``) |
| ``param`` | function, name, index | an unannotated parameter (index counts past ``self``) |
| ``local`` | key, expr | a function-local container others add to |
| ``var`` | key | a function-local name with several values (``fn#name``; its values in ``FunctionFacts.locals``) |
| ``any`` | [expr, ...] | one of several values: both branches of ``a if c else b``, both operands of ``a or b`` |
| ``held`` | expr | the objects ``expr`` holds (SDK clients, project instances), not functions or classes: a constructor's ``Any`` parameter |
| ``entry`` | key | an entry point a schedule runs (script path, module, command) |
| ``unknown`` | reason | nothing this file can say |
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

Expr = List[Any]

NAME, ATTR, CALL, TYPE, SELF, SUPER = "name", "attr", "call", "type", "self", "super"
PIPE, STR, MANY, ITEM, PARAM, LOCAL, ENTRY, UNKNOWN = "pipe", "str", "many", "item", "param", "local", "entry", "unknown"
VAR, ANY, DECLARED, HELD = "var", "any", "declared", "held"

# Field kinds per tag: "s" a string, "s?" a string or None, "i" an int, "e" an expression,
# "E" a list of expressions. ``unknown``'s reason is any string.
SHAPES: Dict[str, Tuple[str, ...]] = {
    NAME: ("s",), ATTR: ("e", "s"), CALL: ("e", "s?"), TYPE: ("s",), SELF: ("s",), SUPER: ("s",),
    PIPE: ("e", "e"), STR: ("s",), MANY: ("E",), ITEM: ("e",), PARAM: ("s", "s", "i"),
    LOCAL: ("s", "e"), ENTRY: ("s",), UNKNOWN: ("s",), VAR: ("s",), ANY: ("E",), DECLARED: ("s",),
    HELD: ("e",),
}
MAX_DEPTH = 200  # a stored expression nested deeper than the facts pass builds is malformed


class ExprError(ValueError):
    """A stored expression that is not one of this module's shapes."""


def name(dotted: str) -> Expr:
    return [NAME, dotted]


def attr(base: Expr, field: str) -> Expr:
    return [ATTR, base, field]


def call(func: Expr, first_literal: Optional[str] = None) -> Expr:
    return [CALL, func, first_literal]


def instance_of(dotted: str) -> Expr:
    return [TYPE, dotted]


def unknown(reason: str) -> Expr:
    return [UNKNOWN, reason]


def tag(expr: Expr) -> str:
    return str(expr[0]) if expr else UNKNOWN


def dotted(expr: Expr) -> Optional[str]:
    """The dotted name of a ``name`` expression, else None."""
    return str(expr[1]) if expr and expr[0] == NAME else None


def last_segment(expr: Expr) -> str:
    """``create`` for both ``client.chat.completions.create`` and a local bound to it."""
    if expr and expr[0] == NAME:
        return str(expr[1]).rsplit(".", 1)[-1]
    if expr and expr[0] == ATTR:
        return str(expr[2])
    return ""


def validate(expr: Any, depth: int = 0) -> Expr:
    """``expr`` if it is well formed (recursively), else raise ``ExprError``."""
    if depth > MAX_DEPTH:
        raise ExprError("expression nested too deeply")
    if not isinstance(expr, list) or not expr or not isinstance(expr[0], str):
        raise ExprError(f"not an expression: {str(expr)[:60]}")
    shape = SHAPES.get(expr[0])
    if shape is None:
        raise ExprError(f"unknown expression tag {expr[0]!r}")
    if len(expr) != len(shape) + 1:
        raise ExprError(f"{expr[0]!r} takes {len(shape)} fields, got {len(expr) - 1}")
    for kind, value in zip(shape, expr[1:]):
        if kind == "e":
            validate(value, depth + 1)
        elif kind == "E":
            if not isinstance(value, list):
                raise ExprError(f"{expr[0]!r} needs a list of expressions")
            for member in value:
                validate(member, depth + 1)
        elif kind == "i" and not (isinstance(value, int) and not isinstance(value, bool)):
            raise ExprError(f"{expr[0]!r} needs an integer, got {value!r}")
        elif kind == "s" and not isinstance(value, str):
            raise ExprError(f"{expr[0]!r} needs a string, got {value!r}")
        elif kind == "s?" and value is not None and not isinstance(value, str):
            raise ExprError(f"{expr[0]!r} needs a string or None, got {value!r}")
    return expr
