"""The state of the facts pass that its mixins share (``FactsVisitor`` sets it in ``__init__``).

One declaration of each attribute and of the helpers every mixin calls, so that a mixin reads as
the pass it is part of; the methods one mixin calls on another are named here for the type checker
only (``TYPE_CHECKING``), the mixin that defines them is checked against these signatures.
"""
from __future__ import annotations

from contextlib import AbstractContextManager
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    FrozenSet,
    List,
    Optional,
    Sequence,
    Set,
    Tuple,
)

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Recognizer
from llm_latency_lint.facts.context import FileContext
from llm_latency_lint.facts.scopes import Scope
from llm_latency_lint.model import CallRef, Expr, FileFacts, FunctionFacts
from llm_latency_lint.syntax.noqa import Noqa
from llm_latency_lint.syntax.positions import Positions

Span = Tuple[int, int, int, int]  # line, 1-based column, end line, end column
Where = Tuple[str, bool, bool]  # function, in a loop, in a try
# No call being visited (``calls.CallsMixin.callee_encoded``): no node is this object.
NO_CALLEE: Tuple[object, Expr] = (object(), ["unknown", ""])


class PassState:
    """What ``FactsVisitor.__init__`` sets, and the position and scope helpers on it."""

    module: cst.Module
    _positions: Positions
    source: Optional[str]  # None: not known
    facts: FileFacts
    is_package: bool
    recognizers: Tuple[Recognizer, ...]
    wrappers: FrozenSet[str]
    ctx: FileContext
    scopes: List[Scope]
    loop_depth: List[int]
    try_depth: List[int]
    waited_calls: Set[int]
    queue_refs: Dict[int, CallRef]
    called_refs: Dict[int, CallRef]  # plain calls by node: a result bound and waited on later
    awaited_calls: Set[int]
    # object calls settled at the module's end: (call, callee, span, where)
    deferred_sites: List[Tuple[cst.Call, Expr, Span, Where]]
    module_constants: Dict[str, Any]  # literal values (``syntax.literals.literal``)
    module_values: Dict[str, cst.BaseExpression]
    module_history: Dict[str, List[cst.BaseExpression]]  # every module-level binding, in order
    _expr_guard: Set[int]
    _callee: Tuple[object, Expr]  # the callee of the call being visited and its expression (``names``)
    _param_guard: Set[Tuple[int, str]]  # parameters whose in-body values are being read (``names._param``)
    comp_names: List[Dict[str, Expr]]  # comprehension targets and lambda defaults in scope
    dominated: Dict[int, cst.Call]  # a method call's receiver name -> the call bound just before (``dominating``)
    method_names: FrozenSet[str]
    pragmas: Dict[int, str]
    comments_seen: List[Tuple[cst.Comment, Optional[Noqa], str]]  # noqa and pragma comments met, in order
    redefined: Dict[str, int]  # module-level def name -> definitions still to come
    fallbacks: Set[int]  # ids of module-level stubs for a failed import (``scopes``)
    decorator_calls: Set[int]  # decorator calls seen (``routes``: no request)
    url_attributes: Dict[Tuple[str, str], str]  # (class, attribute) -> the URL text it was set to

    # ---- positions -------------------------------------------------------------------
    def line(self, node: cst.CSTNode) -> int:
        return self._positions.line(node)

    def span(self, node: cst.CSTNode, call: Optional[cst.Call] = None) -> Span:
        """1-based columns; ``call``: a call ``node`` is inside, whose code places it (``Positions.span_in``)."""
        line, col, end_line, end_col = self._positions.span(node) if call is None else self._positions.span_in(node, call)
        return line, col + 1, end_line, end_col + 1

    # ---- scopes ----------------------------------------------------------------------
    def current_function(self) -> FunctionFacts:
        return self.facts.functions[self._function_scope().qualname]

    def _function_scope(self) -> Scope:
        for scope in reversed(self.scopes):
            if scope.kind in ("function", "module"):
                return scope
        raise AssertionError("no scope")  # pragma: no cover

    def _package(self) -> str:
        return self.facts.module if self.is_package else self.facts.module.rpartition(".")[0]

    if TYPE_CHECKING:  # defined by the mixin named, called by others
        # names.NamesMixin
        def expr(self, node: cst.BaseExpression) -> Expr: ...
        def _member(self, node: cst.BaseExpression) -> Expr: ...
        def _name(self, name: str) -> Expr: ...
        def session_slot(self, func: Expr, node: cst.Call, method: int) -> Optional[str]: ...
        def constant_name(self, node: cst.BaseExpression) -> Optional[str]: ...
        def string_values(self, name: str) -> List[cst.BaseExpression]: ...
        # imports.ImportsMixin
        def star_modules(self) -> List[str]: ...
        def later_import(self, name: str) -> List[str]: ...
        # visitor.FactsVisitor
        def lambda_scope(self, node: cst.Lambda) -> AbstractContextManager[None]: ...
        # calls.CallsMixin
        def _record_site(self, node: cst.Call, callee: Expr, method: str, span: Span,
                         where: Optional[Where] = None,
                         text_of: Optional[cst.BaseExpression] = None, handed_to: Optional[Expr] = None) -> None: ...
        # handoffs.HandoffMixin
        def note_handoff(self, node: cst.Call, method: str) -> Optional[Tuple[str, cst.BaseExpression, str, bool]]: ...
        def handoff_call_ref(self, node: cst.Call, ref_expr: Expr, line: int, col: int) -> Optional[CallRef]: ...
        def handed_callable(self, node: cst.BaseExpression) -> bool: ...
        def register_handoff(self, ref: CallRef, outer: int) -> None: ...
        # calls.CallsMixin, arguments.ArgumentsMixin, annotations, routes.RoutesMixin (assignments)
        def _add_members(self, container: Expr, values: List[cst.BaseExpression]) -> None: ...
        def hold_members(self, targets: Sequence[cst.BaseExpression], value: cst.BaseExpression) -> None: ...
        def _annotation(self, node: cst.BaseExpression) -> str: ...
        def record_router_prefix(self, targets: Sequence[cst.BaseExpression], value: cst.BaseExpression) -> None: ...
        def global_expr(self, value: cst.BaseExpression) -> Expr: ...
        # urls.HttpMixin
        def record_http_site(self, node: cst.Call, method: str, span: Span) -> bool: ...
        def url_text(self, node: Optional[cst.BaseExpression], depth: int = 0) -> str: ...
        def _bound_values(self, name: str, module: bool = True) -> List[cst.BaseExpression]: ...
        def _self_assignments(self, class_name: str, attr: str) -> List[cst.BaseExpression]: ...
