"""The interface every trigger recogniser implements.

A recogniser sees the nodes the facts visitor hands it during the file's single libcst pass
and records ``Trigger``s (and Celery-style task names) through the ``Context``. It holds no
state between files: per-file state lives on the context (``ctx.state(self)``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, List, Optional, Sequence, Tuple

import libcst as cst

if TYPE_CHECKING:  # pragma: no cover
    from ..facts import Context


@dataclass
class Decorator:
    node: cst.Decorator
    name: Optional[str]  # qualified name of the decorator callee ("celery.shared_task")
    attr: str  # its last segment ("task" for @app.task)
    call: Optional[cst.Call]  # the call, for @deco(...) forms
    line: int


class Recognizer:
    """Override what you need; every hook defaults to doing nothing."""

    id: str = ""
    # Words whose presence in a file makes it worth parsing (the prefilter).
    words: Tuple[str, ...] = ()

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        pass

    def on_class(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        pass

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        pass

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        pass

    def on_module_end(self, ctx: "Context") -> None:
        pass


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
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value.decode("latin-1") if isinstance(value, bytes) else value
    if isinstance(node, cst.Integer):
        return int(node.value.replace("_", ""), 0) if not node.value.startswith("0") or node.value == "0" else None
    if isinstance(node, cst.Float):
        return float(node.value.replace("_", ""))
    if isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[node.value]
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        inner = literal(node.expression)
        return -inner if isinstance(inner, (int, float)) else None
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        values = [literal(e.value) for e in node.elements if not isinstance(e, (cst.StarredElement,))]
        return values
    return None
