"""What annotations say in the facts pass: the type an annotation names (``Optional[X]``, a
union's SDK client, a string annotation), and a parameter's value from its annotation and from
what a framework injects into it (FastAPI ``Depends``, ``Annotated[T, Depends(f)]`` aliases)."""
from __future__ import annotations

from typing import List, Optional

import libcst as cst

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.dispatch import (
    OPAQUE_ANY_ANNOTATIONS,
    UNION_ANNOTATIONS,
    UNTYPED_ANNOTATION_ROOTS,
)
from llm_latency_lint.expr import HELD
from llm_latency_lint.facts.expr_shapes import either
from llm_latency_lint.facts.injected import injected
from llm_latency_lint.facts.pass_state import PassState
from llm_latency_lint.model import Expr
from llm_latency_lint.syntax.literals import last_name


class AnnotationsMixin(PassState):
    """Annotations for ``FactsVisitor`` (``NamesMixin`` encodes the other expressions)."""

    def param_value(self, param: cst.Param, function: str, index: int) -> Expr:
        """A parameter's value: its annotation's type, what a FastAPI ``Depends(factory)`` default
        (or ``Annotated[T, Depends(factory)]``) injects, both, or ``["param", ...]`` for callers'."""
        declared: Optional[Expr] = None
        injected = self._injected(param.default)
        generic = False  # ``Awaitable[Any]``, ``Coroutine[Any, Any, T]``: a generic of ``Any``, not ``Any``
        if param.annotation is not None:
            annotation = param.annotation.annotation
            generic = isinstance(annotation, cst.Subscript) and last_name(annotation.value) not in ("Optional", "Union")
            declared = ["type", self._annotation(annotation)]
            if injected is None and isinstance(annotation, cst.Subscript):
                injected = next((found for found in (self._injected(e.slice.value) for e in annotation.slice[1:]
                                                     if isinstance(e.slice, cst.Index)) if found), None)
        if declared is not None and str(declared[1]) in OPAQUE_ANY_ANNOTATIONS and not generic:
            if injected is None and function.endswith(".__init__"):
                # a constructor's ``llm: Any``: the object keeps the objects it is built with (a
                # wrapper around a model), but no callable callers hand in (``on_done: Any``)
                return either([declared, [HELD, ["param", function, param.name.value, index]]])
            return injected or declared  # a bare ``Any``; ``Awaitable[Any]`` holds what callers pass
        if declared is not None and not names_a_type(str(declared[1])):
            declared = None  # ``None``, an unreadable string, ``dict``, ``Mapping``: says nothing of what callers pass
        if declared is not None and injected is not None:
            return either([declared, injected]) if declared[1] else injected
        if declared is not None:
            # the declared type and what callers pass: an SDK base (``llm: BaseChatModel``) or a
            # project ``Protocol`` (``source: FeedSource``) is implemented by what they hand in
            return either([declared, ["param", function, param.name.value, index]])
        return injected or ["param", function, param.name.value, index]

    def _annotated_alias(self, node: cst.Subscript) -> Optional[Expr]:
        """A FastAPI dependency alias: its type and what the dependency returns, so a parameter
        annotated with the alias (``llm: LLMDep``, in any module) holds both."""
        first = node.slice[0].slice
        injected = next((found for found in (self._injected(e.slice.value) for e in node.slice[1:]
                                             if isinstance(e.slice, cst.Index)) if found), None)
        if injected is None or not isinstance(first, cst.Index):
            return None
        return either([self.expr(first.value), injected])

    def _injected(self, node: Optional[cst.BaseExpression]) -> Optional[Expr]:
        return injected(node, self.expr)

    def _annotation(self, node: cst.BaseExpression) -> str:
        # Optional[X] / X | None / "X": the client type is what matters; of a union's members
        # (``None | TestClient | Client``, ``Union[FakeLLM, OpenAI]``) an SDK client first.
        members: List[cst.BaseExpression] = []
        if isinstance(node, cst.Subscript) and node.slice:
            indexes = [e.slice.value for e in node.slice if isinstance(e.slice, cst.Index)]
            head = self.expr(node.value)
            union = len(head) > 1 and str(head[1]) in UNION_ANNOTATIONS
            members = indexes if union else indexes[:1]
        elif isinstance(node, cst.BinaryOperation):
            members = [node.left, node.right]
        if members:
            names = [self._annotation(member) for member in members]
            return next((m for m in names if providers.is_client(m)), next((m for m in names if m), ""))
        if isinstance(node, cst.SimpleString):
            text = node.evaluated_value
            try:
                return self._annotation(cst.parse_expression(text)) if isinstance(text, str) else ""
            except Exception:  # noqa: BLE001 - a string annotation we cannot read
                return ""
        expr = self.expr(node)
        return expr[1] if expr and expr[0] == "name" else ""


def names_a_type(name: str) -> bool:
    """An annotation that can type a value: not a builtin (``dict``, ``str``: encoded as ``""``) nor a
    ``typing`` / ``collections`` generic (``Any``, ``Mapping``, ``Callable``, alone or in a union)."""
    return bool(name) and name.split(".", 1)[0] not in UNTYPED_ANNOTATION_ROOTS
