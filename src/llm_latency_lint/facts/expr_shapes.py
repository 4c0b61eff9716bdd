"""Pure helpers over the facts' expression trees (``Expr`` lists): no syntax, no state, so the
names mixin and the call reader share them without importing each other."""
from __future__ import annotations

from typing import Any, List, Optional

from llm_latency_lint.model import Expr

# An inlined local larger than this (in expression nodes) is kept as a var instead: chained
# locals of ``a if c else b`` values would otherwise double the expression at every link.
MAX_INLINE = 64


def either(options: List[Expr]) -> Expr:
    """One of ``options``: the only distinct known one, or ``["any", [...]]`` of them all."""
    unique: List[Expr] = []
    for option in options:
        for expr in option[1] if option and option[0] == "any" else [option]:
            if expr not in unique and expr[0] != "unknown":
                unique.append(expr)
    if not unique:
        return options[0]
    return unique[0] if len(unique) == 1 else ["any", unique]


def size(expr: Any, limit: int = MAX_INLINE + 1) -> int:
    """Expression nodes in ``expr``, counted up to ``limit``."""
    count, stack = 0, [expr]
    while stack and count < limit:
        node = stack.pop()
        if isinstance(node, list):
            count += 1
            stack.extend(node)
    return count


def container_key(expr: Expr) -> Optional[str]:
    """Where additions to a container are kept: a global, ``Class.attr`` or ``function#local``."""
    if expr and expr[0] == "name":
        return str(expr[1])
    if expr and expr[0] == "local":
        return str(expr[1])
    if expr and expr[0] == "attr" and expr[1] and expr[1][0] == "self":
        return f"{expr[1][1]}.{expr[2]}"
    return None
