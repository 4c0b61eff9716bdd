"""What a name in a Python AWS CDK stack holds, followed through the stack's helper methods.

Stacks spread one construct over several methods: ``function = self._create_function(env)`` where
``_create_function`` ends in ``return lambda_.DockerImageFunction(...)``; a job definition's container
is a local built two statements earlier; a rule built in ``_create_event_rule(self, cron, target)``
gets its target from the caller (``self._create_event_rule(cron, target=LambdaFunction(fn))``, a
call that may come before the helper's definition). The CDK reader (``triggers/aws_cdk.py``)
records, during the file's pass, each name's bound values, each function's returns and parameters;
at the file's end ``Stack.construct`` follows a name (or a helper's call) to the construct call it
holds. Asset folders written from the stack file's own place (``Path(__file__).parent.parent /
"app"``, ``os.path.join(os.path.dirname(__file__), "..", "app")``) read as the repository's folder.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

import libcst as cst

from llm_latency_lint.syntax.literals import arg

if TYPE_CHECKING:
    from llm_latency_lint.catalog.triggers.api import Context

# Calls that hand back the path they are given: ``str(p)``, ``p.resolve()``, ``os.path.abspath(p)``.
PATH_KEEPERS = frozenset({"str", "fspath", "as_posix", "resolve", "absolute", "abspath", "realpath", "expanduser"})
_DEPTH = 8


def last_name(node: cst.BaseExpression) -> str:
    func = node.func if isinstance(node, cst.Call) else node
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""


class _Returns(cst.CSTVisitor):
    """A function's ``return`` values, not its nested functions'."""

    def __init__(self) -> None:
        self.values: List[cst.BaseExpression] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            self.values.append(node.value)


@dataclass
class Stack:
    """One file's names and helpers, as the CDK reader saw them."""

    bound: Dict[str, List[cst.BaseExpression]] = field(default_factory=dict)  # ``fn`` / ``self.fn`` -> values
    returns: Dict[str, List[cst.BaseExpression]] = field(default_factory=dict)  # function name -> returned values
    params: Dict[str, List[str]] = field(default_factory=dict)  # function name -> parameters after ``self``
    # (helper function, its parameter) -> the schedule of the rule it hands that parameter to ``add_target``
    param_rules: Dict[Tuple[str, str], Optional[Tuple[str, Optional[str]]]] = field(default_factory=dict)
    # ``self.helper(...)`` / ``helper(...)``, with the functions' handlers by the names they have there
    helper_calls: List[Tuple[cst.Call, Dict[str, str]]] = field(default_factory=list)
    containers: List[Tuple[cst.BaseExpression, cst.Call]] = field(default_factory=list)  # (task definition, add_container)
    # helper -> the construct it returns, once followed (None while it is: a helper reached again, by
    # recursion or by several of its returns, is followed once). Read at the file's end, when all are recorded.
    made: Dict[str, Optional[cst.Call]] = field(default_factory=dict)

    def record_function(self, node: cst.FunctionDef) -> None:
        name = node.name.value
        params = [p.name.value for p in node.params.params]
        self.params[name] = params[1:] if params[:1] in (["self"], ["cls"]) else params
        visitor = _Returns()
        for statement in node.body.body:
            statement.visit(visitor)
        if visitor.values:
            self.returns[name] = visitor.values

    def construct(self, ctx: "Context", node: Optional[cst.BaseExpression], depth: int = 0) -> Optional[cst.Call]:
        """The construct call ``node`` holds: itself, a local's or attribute's bound call, what a
        helper of this file returns, the object of an attribute read off it (``job.job_definition_arn``)."""
        if node is None or depth > _DEPTH:
            return None
        if isinstance(node, cst.Call):
            helper = self.helper(node)
            if helper is None:
                return node
            if helper not in self.made:
                self.made[helper] = None
                self.made[helper] = next((c for v in self.returns[helper] if (c := self.construct(ctx, v, depth + 1))),
                                         None)
            return self.made[helper]
        if isinstance(node, (cst.Name, cst.Attribute)):
            values = self.bound.get(ctx.code(node))
            if values:
                return self.construct(ctx, values[-1], depth + 1)
            if isinstance(node, cst.Attribute) and isinstance(node.value, (cst.Name, cst.Attribute)) \
                    and ctx.code(node.value) not in ("self", "cls"):
                return self.construct(ctx, node.value, depth + 1)
        return None

    def helper(self, call: cst.Call) -> Optional[str]:
        """The function of this file a call runs (``self._create_fn(...)``, ``make_fn(...)``), if it returns."""
        func = call.func
        name = func.value if isinstance(func, cst.Name) else \
            func.attr.value if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) \
            and func.value.value in ("self", "cls") else ""
        return name if name in self.returns else None

    def argument(self, call: cst.Call, helper: str, param: str) -> Optional[cst.BaseExpression]:
        """The argument a call of ``helper`` passes for ``param``."""
        params = self.params.get(helper, [])
        return arg(call, param, params.index(param)) if param in params else None


def asset_path(ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[str]:
    """An asset's folder from the repository's root, when the stack writes it from its own file's
    place (``Path(__file__).parent.parent / "app"``); None when it does not."""
    anchored = _anchored(ctx, node, 0)
    if anchored is None:
        return None
    path = posixpath.normpath(anchored)
    return None if path.startswith("..") else "" if path == "." else path


def _anchored(ctx: "Context", node: Optional[cst.BaseExpression], depth: int) -> Optional[str]:
    if node is None or depth > _DEPTH:
        return None
    if isinstance(node, cst.Name) and node.value == "__file__":
        return ctx.path
    if isinstance(node, cst.Name):  # ``APP_DIR = Path(__file__).parent / "app"`` at module level
        return _anchored(ctx, ctx.module_value(node.value), depth + 1)
    if isinstance(node, cst.Attribute) and node.attr.value == "parent":
        inner = _anchored(ctx, node.value, depth + 1)
        return posixpath.dirname(inner) if inner is not None else None
    if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Attribute) and node.value.attr.value == "parents":
        inner, index = _anchored(ctx, node.value.value, depth + 1), ctx.literal(node.slice[0].slice.value) \
            if isinstance(node.slice[0].slice, cst.Index) else None
        for _ in range(index + 1 if isinstance(index, int) and inner is not None else 0):
            inner = posixpath.dirname(inner or "")
        return inner if isinstance(index, int) else None
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide):
        inner, part = _anchored(ctx, node.left, depth + 1), ctx.literal(node.right)
        return posixpath.join(inner, part) if inner is not None and isinstance(part, str) else None
    if not isinstance(node, cst.Call):
        return None
    name = last_name(node)
    first = node.args[0].value if node.args else None
    if name in PATH_KEEPERS or name in ("Path", "PurePath", "PurePosixPath"):
        return _anchored(ctx, node.func.value if isinstance(node.func, cst.Attribute) and not node.args else first,
                         depth + 1)
    if name == "dirname":
        inner = _anchored(ctx, first, depth + 1)
        return posixpath.dirname(inner) if inner is not None else None
    if name == "join" and node.args:
        inner = _anchored(ctx, first, depth + 1)
        parts = [ctx.literal(a.value) for a in node.args[1:]]
        return posixpath.join(inner, *parts) if inner is not None and all(isinstance(p, str) for p in parts) else None
    return None
