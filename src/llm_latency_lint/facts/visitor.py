"""One libcst pass over a file yields its ``FileFacts``.

The visitor keeps a scope stack (module, classes, functions), resolves names through the
file's imports into qualified names, and records per function the calls it makes as
expressions (see ``model``) that the project graph evaluates across files. Trigger
recognisers (``triggers/``) see the same nodes in the same pass.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from llm_latency_lint.catalog import providers, sinks
from llm_latency_lint.catalog.triggers import all_recognizers
from llm_latency_lint.catalog.triggers.api import Decorator, Recognizer
from llm_latency_lint.model import (
    CallRef,
    CallSite,
    ClassFacts,
    Expr,
    FileFacts,
    FunctionFacts,
    Sink,
    Trigger,
)
from llm_latency_lint.syntax.literals import literal
from llm_latency_lint.syntax.noqa import NOQA_RE
from llm_latency_lint.syntax.parse import parse_module, within_budget
from llm_latency_lint.syntax.walk import walk

PRAGMA_RE = re.compile(r"#\s*llm-latency:\s*(?P<cls>real-time|near-real-time|scheduled|mixed|unknown)\b")

# Calls that hand a callable to a queue: method -> where the queued callable is.
QUEUE_CALLS: Dict[str, str] = {
    "delay": "receiver",
    "apply_async": "receiver",
    "delay_on_commit": "receiver",
    "apply_async_on_commit": "receiver",
    "send_with_options": "receiver",
    "kiq": "receiver",
    "add_task": "first-arg",  # FastAPI / Starlette BackgroundTasks
    "enqueue": "first-arg",  # rq
    "enqueue_call": "first-arg",
    "enqueue_job": "first-arg",  # arq (by name)
}
# Methods that wait for a queued result: ``task.delay(x).get()``.
WAIT_METHODS = frozenset({"get", "wait", "join", "result"})
# Callables that return (a wrapper of) their first argument.
CALLABLE_WRAPPERS = frozenset({"functools.partial", "functools.wraps", "asyncio.to_thread"})
# Arguments kept for the parameters they bind (``summarise(ChatOpenAI(), text)``): values that may
# be an SDK client. Names of functions and modules are kept as "ref" calls already.
ARGUMENT_TAGS = frozenset({"call", "pipe", "type", "local", "item"})
# Calls that add to a container or builder: what they add becomes one of its members.
ADD_METHODS = frozenset({
    "append", "add", "extend", "insert", "update", "setdefault", "register", "add_node",
    "add_conditional_edges", "add_sequence", "add_handler", "add_command", "add_listener",
})
# Waiting on a queued job held in a variable (``job = task.delay(x); job.get()``), or polling it.
WAIT_ON_JOB = frozenset({"get", "wait", "join", "result", "get_status", "refresh", "ready", "is_finished",
                         "latest_result", "return_value", "successful"})
MODULE_SCOPE = "<module>"
MAIN_SCOPE = "__main__"


@dataclass
class _Scope:
    kind: str  # "module" | "class" | "function"
    qualname: str
    locals: Dict[str, List[cst.BaseExpression]] = field(default_factory=dict)
    params: Dict[str, Expr] = field(default_factory=dict)
    defs: Dict[str, str] = field(default_factory=dict)  # nested def/class name -> qualname
    cls: Optional[str] = None
    self_name: Optional[str] = None
    containers: Set[str] = field(default_factory=set)  # locals that things are added to


class _ItemOf:
    """A loop variable: an element of ``node`` (``for fn in HANDLERS.values()``)."""

    def __init__(self, node: cst.BaseExpression) -> None:
        self.node = node


class FileContext:
    """What recognisers may read and record during the pass: the ``Context`` of ``catalog.triggers.api``."""

    def __init__(self, visitor: "FactsVisitor") -> None:
        self._v = visitor
        self._state: Dict[str, Any] = {}

    @property
    def facts(self) -> FileFacts:
        return self._v.facts

    @property
    def module(self) -> str:
        return self._v.facts.module

    @property
    def path(self) -> str:
        return self._v.facts.path

    @property
    def function(self) -> str:
        """Qualname of the function (or module pseudo-function) being visited."""
        return self._v.current_function().qualname

    def state(self, owner: Recognizer, factory: Any = dict) -> Any:
        if owner.id not in self._state:
            self._state[owner.id] = factory()
        return self._state[owner.id]

    def line(self, node: cst.CSTNode) -> int:
        return self._v.line(node)

    def qualified(self, node: Optional[cst.BaseExpression]) -> Optional[str]:
        """Dotted qualified name of a Name/Attribute chain, through imports and module names."""
        if node is None:
            return None
        expr = self._v.expr(node)
        return expr[1] if expr and expr[0] == "name" else None

    def expr(self, node: cst.BaseExpression) -> Expr:
        return self._v.expr(node)

    def module_value(self, name: str) -> Optional[cst.BaseExpression]:
        """The expression last bound to ``name`` at module level so far (``name = value``)."""
        return self._v.module_values.get(name)

    def literal(self, node: Optional[cst.BaseExpression]) -> Any:
        value = literal(node)
        if value is None and isinstance(node, cst.Name):
            constant = self._v.module_constants.get(node.value)
            return constant
        return value

    def imports(self, root: str) -> bool:
        return any(q == root or q.startswith(root + ".") for q in self._v.facts.imports.values())

    def code(self, node: cst.CSTNode) -> str:
        return self._v.module.code_for_node(node)

    def add_trigger(self, trigger: Trigger) -> None:
        self._v.facts.triggers.append(trigger)

    def add_task_name(self, name: str, qualname: str) -> None:
        self._v.facts.task_names[name] = qualname

    def add_call(self, ref: CallRef, function: Optional[str] = None) -> None:
        """Record an extra edge (a callable a recogniser knows gets invoked)."""
        fn = self._v.facts.functions.get(function) if function else self._v.current_function()
        if fn is not None:
            fn.calls.append(ref)


def positions(wrapper: MetadataWrapper) -> Any:
    """``wrapper.resolve(PositionProvider)`` without its extra pass: libcst's resolver follows
    every non-batchable provider with a batched traversal of the whole tree even when no
    batchable provider is asked for, which cost as much as the positions themselves."""
    try:
        return PositionProvider()._gen(wrapper)
    except AttributeError:  # pragma: no cover - a libcst without the private hook
        return wrapper.resolve(PositionProvider)


class FactsVisitor(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(
        self,
        wrapper: MetadataWrapper,
        path: str,
        module: str,
        is_package: bool,
        recognizers: Iterable[Recognizer],
        wrappers: FrozenSet[str] = frozenset(),
    ) -> None:
        super().__init__()
        self.module = wrapper.module
        self._positions = positions(wrapper)
        self.facts = FileFacts(path=path, module=module)
        self.is_package = is_package
        self.recognizers = tuple(recognizers)
        self.wrappers = wrappers
        self.ctx = FileContext(self)
        self.scopes: List[_Scope] = []
        self.loop_depth: List[int] = [0]
        self.try_depth: List[int] = [0]
        self.waited_calls: Set[int] = set()
        self.queue_refs: Dict[int, CallRef] = {}
        self.awaited_calls: Set[int] = set()
        self.module_constants: Dict[str, Any] = {}
        self.module_values: Dict[str, cst.BaseExpression] = {}
        self._expr_guard: Set[int] = set()
        self.method_names = providers.method_names() | {w.rsplit(".", 1)[-1] for w in wrappers}
        self.pragmas: Dict[int, str] = {}

    # ---- positions -------------------------------------------------------------------
    def line(self, node: cst.CSTNode) -> int:
        return self._positions[node].start.line

    def span(self, node: cst.CSTNode) -> Tuple[int, int, int, int]:
        pos = self._positions[node]
        return pos.start.line, pos.start.column + 1, pos.end.line, pos.end.column + 1

    # ---- scopes ----------------------------------------------------------------------
    def current_function(self) -> FunctionFacts:
        for scope in reversed(self.scopes):
            if scope.kind == "function" or scope.kind == "module":
                return self.facts.functions[scope.qualname]
        raise AssertionError("no scope")  # pragma: no cover

    def _function_scope(self) -> _Scope:
        for scope in reversed(self.scopes):
            if scope.kind in ("function", "module"):
                return scope
        raise AssertionError("no scope")  # pragma: no cover

    def _package(self) -> str:
        return self.facts.module if self.is_package else self.facts.module.rpartition(".")[0]

    # ---- module ----------------------------------------------------------------------
    def visit_Module(self, node: cst.Module) -> None:
        qual = f"{self.facts.module}.{MODULE_SCOPE}"
        self.facts.functions[qual] = FunctionFacts(qualname=qual, name=MODULE_SCOPE, line=1)
        scope = _Scope("module", qual)
        for stmt in node.body:
            self._predeclare(stmt, scope)
        self.scopes.append(scope)

    def _predeclare(self, stmt: cst.CSTNode, scope: _Scope) -> None:
        """Module-level names, so a call may name a def that comes later in the file."""
        module = self.facts.module
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            scope.defs[stmt.name.value] = f"{module}.{stmt.name.value}"
        elif isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Assign) and len(small.targets) == 1:
                    target = small.targets[0].target
                    if isinstance(target, cst.Name):
                        scope.defs.setdefault(target.value, f"{module}.{target.value}")
                        value = literal(small.value)
                        if value is not None:
                            self.module_constants[target.value] = value
                elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                    scope.defs.setdefault(small.target.value, f"{module}.{small.target.value}")
        elif isinstance(stmt, (cst.If, cst.Try)):
            for inner in _flat_body(stmt):
                self._predeclare(inner, scope)

    def leave_Module(self, original_node: cst.Module) -> None:
        for recognizer in self.recognizers:
            recognizer.on_module_end(self.ctx)
        self._apply_pragmas()

    # ---- imports ---------------------------------------------------------------------
    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            full = _dotted(alias.name)
            if full is None:
                continue
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.facts.imports[alias.asname.name.value] = full
            else:
                root = full.split(".")[0]
                self.facts.imports.setdefault(root, root)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        base = _dotted(node.module) if node.module is not None else ""
        if node.relative:
            package = self._package().split(".") if self._package() else []
            up = len(node.relative) - 1
            package = package[: len(package) - up] if up else package
            base = ".".join([*package, base] if base else package)
        if isinstance(node.names, cst.ImportStar) or not base:
            return
        for alias in node.names:
            name = _dotted(alias.name)
            if name is None:
                continue
            local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
            self.facts.imports[local] = f"{base}.{name}"

    # ---- classes and functions -------------------------------------------------------
    def _qual(self, name: str) -> str:
        parent = self.scopes[-1]
        return f"{self.facts.module}.{name}" if parent.kind == "module" else f"{parent.qualname}.{name}"

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        qual = self._qual(node.name.value)
        self.scopes[-1].defs[node.name.value] = qual
        bases = [self.expr(b.value) for b in node.bases if b.keyword is None]
        self.facts.classes[qual] = ClassFacts(
            qualname=qual, line=self.line(node), bases=bases,
            decorators=[d for d in (self._decorator(dec).name for dec in node.decorators) if d],
        )
        base_names = [b[1] if b and b[0] == "name" else None for b in bases]
        for recognizer in self.recognizers:
            recognizer.on_class(self.ctx, node, qual, base_names)
        self.scopes.append(_Scope("class", qual, cls=qual))

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.scopes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        parent = self.scopes[-1]
        qual = self._qual(node.name.value)
        parent.defs[node.name.value] = qual
        cls = parent.cls if parent.kind == "class" else None
        line = self.line(node)
        fn = FunctionFacts(
            qualname=qual,
            name=node.name.value,
            line=line,
            cls=cls,
            is_async=node.asynchronous is not None,
            docstring=(node.get_docstring() or "")[:500],
        )
        self.facts.functions[qual] = fn
        scope = _Scope("function", qual)
        params = list(node.params.posonly_params) + list(node.params.params) + list(node.params.kwonly_params)
        offset = 0
        for index, param in enumerate(params):
            name = param.name.value
            if index == 0 and cls is not None and not _is_staticmethod(node):
                scope.self_name = name
                scope.params[name] = ["self", cls]
                offset = 1
            elif param.annotation is not None:
                scope.params[name] = ["type", self._annotation(param.annotation.annotation)]
            else:
                scope.params[name] = ["param", qual, name, index - offset]
        _collect_locals(node.body, scope)
        decorators = [self._decorator(d) for d in node.decorators]
        fn.decorators = [d.name for d in decorators if d.name]
        self.scopes.append(scope)
        self.loop_depth.append(0)
        self.try_depth.append(0)
        for recognizer in self.recognizers:
            recognizer.on_function(self.ctx, node, qual, decorators)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.scopes.pop()
        self.loop_depth.pop()
        self.try_depth.pop()

    def _decorator(self, dec: cst.Decorator) -> Decorator:
        target = dec.decorator
        call = target if isinstance(target, cst.Call) else None
        callee = call.func if call is not None else target
        attr = callee.attr.value if isinstance(callee, cst.Attribute) else (
            callee.value if isinstance(callee, cst.Name) else ""
        )
        return Decorator(dec, self.ctx.qualified(callee), attr, call, self.line(dec))

    def _annotation(self, node: cst.BaseExpression) -> str:
        # Optional[X] / X | None / "X": the client type is what matters.
        if isinstance(node, cst.Subscript) and node.slice:
            first = node.slice[0].slice
            if isinstance(first, cst.Index):
                return self._annotation(first.value)
        if isinstance(node, cst.BinaryOperation):
            return self._annotation(node.left)
        if isinstance(node, cst.SimpleString):
            try:
                return self._annotation(cst.parse_expression(node.evaluated_value))
            except Exception:  # noqa: BLE001 - a string annotation we cannot read
                return ""
        expr = self.expr(node)
        return expr[1] if expr and expr[0] == "name" else ""

    # ---- control flow ----------------------------------------------------------------
    def visit_For(self, node: cst.For) -> None:
        self.loop_depth[-1] += 1

    def leave_For(self, original_node: cst.For) -> None:
        self.loop_depth[-1] -= 1

    def visit_While(self, node: cst.While) -> None:
        self.loop_depth[-1] += 1

    def leave_While(self, original_node: cst.While) -> None:
        self.loop_depth[-1] -= 1

    def _enter_comp(self, node: cst.CSTNode) -> None:
        self.loop_depth[-1] += 1

    def _leave_comp(self, node: cst.CSTNode) -> None:
        self.loop_depth[-1] -= 1

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _enter_comp
    leave_ListComp = leave_SetComp = leave_DictComp = leave_GeneratorExp = _leave_comp

    def visit_Try(self, node: cst.Try) -> None:
        self.try_depth[-1] += 1

    def leave_Try(self, original_node: cst.Try) -> None:
        self.try_depth[-1] -= 1

    def visit_If(self, node: cst.If) -> Optional[bool]:
        if self.scopes[-1].kind == "module" and _is_main_guard(node.test):
            qual = f"{self.facts.module}.{MAIN_SCOPE}"
            self.facts.functions[qual] = FunctionFacts(qualname=qual, name=MAIN_SCOPE, line=self.line(node))
            self.scopes.append(_Scope("function", qual))
            self.loop_depth.append(0)
            self.try_depth.append(0)
            self.facts.triggers.append(
                Trigger(
                    kind="entry",
                    source="main-script",
                    target=["name", qual],
                    line=self.line(node),
                    note=f"{self.facts.path} runs as a script (if __name__ == '__main__')",
                    entry_key=f"script:{self.facts.path}",
                )
            )
        return None

    def leave_If(self, original_node: cst.If) -> None:
        scope = self.scopes[-1]
        if scope.kind == "function" and scope.qualname.endswith("." + MAIN_SCOPE) and self._is_main_if(original_node):
            self.scopes.pop()
            self.loop_depth.pop()
            self.try_depth.pop()

    def _is_main_if(self, node: cst.If) -> bool:
        return len(self.scopes) >= 2 and self.scopes[-2].kind == "module" and _is_main_guard(node.test)

    # ---- assignments -----------------------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        targets = [t.target for t in node.targets]
        self._record_binding(targets, node.value, node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        scope = self.scopes[-1]
        if node.value is not None:
            self._record_binding([node.target], node.value, node)
        elif scope.kind == "class" and isinstance(node.target, cst.Name):
            ann = self._annotation(node.annotation.annotation)
            if ann:
                self.facts.classes[scope.qualname].attrs.setdefault(node.target.value, []).append(["type", ann])

    def _record_binding(self, targets: List[cst.BaseExpression], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        scope = self.scopes[-1]
        names: List[str] = []
        for target in targets:
            if isinstance(target, cst.Name):
                names.append(target.value)
                if scope.kind == "module":
                    self.facts.globals.setdefault(f"{self.facts.module}.{target.value}", []).append(self.expr(value))
                    self.module_values[target.value] = value
                elif scope.kind == "class":
                    self.facts.classes[scope.qualname].attrs.setdefault(target.value, []).append(self.expr(value))
            elif isinstance(target, cst.Subscript):
                self._add_members(self.expr(target.value), [value])
            elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name):
                fscope = self._function_scope()
                owner = fscope.params.get(target.value.value)
                if owner and owner[0] == "self" and owner[1] in self.facts.classes:
                    self.facts.classes[owner[1]].attrs.setdefault(target.attr.value, []).append(self.expr(value))
                else:
                    qual = self.ctx.qualified(target)
                    if qual:
                        names.append(qual)
        for recognizer in self.recognizers:
            recognizer.on_assign(self.ctx, names, value, node)

    # ---- expressions -----------------------------------------------------------------
    def expr(self, node: cst.BaseExpression) -> Expr:
        key = id(node)
        if key in self._expr_guard:
            return ["unknown", "recursive"]
        self._expr_guard.add(key)
        try:
            return self._expr(node)
        finally:
            self._expr_guard.discard(key)

    def _expr(self, node: cst.BaseExpression) -> Expr:
        if isinstance(node, cst.Name):
            return self._name(node.value)
        if isinstance(node, cst.Attribute):
            base = self.expr(node.value)
            if base[0] == "name":
                return ["name", f"{base[1]}.{node.attr.value}"]
            return ["attr", base, node.attr.value]
        if isinstance(node, cst.Call):
            if isinstance(node.func, cst.Name) and node.func.value == "super" and not node.args:
                cls = next((sc.cls for sc in reversed(self.scopes) if sc.kind == "class"), None)
                owner = self.facts.functions.get(self._function_scope().qualname)
                cls = owner.cls if owner is not None and owner.cls else cls
                if cls:
                    return ["super", cls]
            func = self.expr(node.func)
            if func[0] == "name" and func[1] in CALLABLE_WRAPPERS and node.args:
                return self.expr(node.args[0].value)
            first = next(
                (literal(a.value) for a in node.args if a.keyword is None and not a.star), None
            )
            return ["call", func, first if isinstance(first, str) else None]
        if isinstance(node, cst.Await):
            return self.expr(node.expression)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
            return ["pipe", self.expr(node.left), self.expr(node.right)]
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            value = literal(node)
            return ["str", value] if isinstance(value, str) else ["unknown", "str"]
        if isinstance(node, cst.BooleanOperation):
            return self.expr(node.left)  # ``client or OpenAI()``: the first operand is usual
        if isinstance(node, cst.IfExp):
            return self.expr(node.body)
        if isinstance(node, cst.Dict):
            return ["many", [self._member(e.value) for e in node.elements if isinstance(e, cst.DictElement)]]
        if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
            return ["many", [self._member(e.value) for e in node.elements if isinstance(e, cst.Element)]]
        if isinstance(node, cst.Subscript):
            return ["item", self.expr(node.value)]
        if isinstance(node, cst.Lambda):
            return self.expr(node.body) if isinstance(node.body, cst.Call) else ["unknown", "lambda"]
        return ["unknown", type(node).__name__]

    def _member(self, node: cst.BaseExpression) -> Expr:
        """A container element; a lambda stands for the function it calls."""
        if isinstance(node, cst.Lambda) and isinstance(node.body, cst.Call):
            return self.expr(node.body.func)
        return self.expr(node)

    def _name(self, name: str) -> Expr:
        for scope in reversed(self.scopes):
            if scope.kind == "class" and scope is not self.scopes[-1]:
                continue  # class bodies do not enclose their methods' names
            if name in scope.params:
                return scope.params[name]
            if name in scope.locals and scope.kind == "function":
                value = scope.locals[name][-1]
                expr = ["item", self.expr(value.node)] if isinstance(value, _ItemOf) else self.expr(value)
                if name in scope.containers:
                    return ["local", f"{scope.qualname}#{name}", expr]
                return expr
            if name in scope.defs:
                return ["name", scope.defs[name]]
        if name in self.facts.imports:
            return ["name", self.facts.imports[name]]
        return ["unknown", name]

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            self.current_function().returns.append(self.expr(node.value))

    # ---- calls -----------------------------------------------------------------------
    def visit_Await(self, node: cst.Await) -> None:
        if isinstance(node.expression, cst.Call):
            self.awaited_calls.add(id(node.expression))

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        method = func.attr.value if isinstance(func, cst.Attribute) else (func.value if isinstance(func, cst.Name) else "")
        fn = self.current_function()
        line, col, end_line, end_col = self.span(node)
        callee_expr = self.expr(func)
        callee = callee_expr[1] if callee_expr[0] == "name" else None

        if method in WAIT_METHODS and isinstance(func, cst.Attribute) and isinstance(func.value, cst.Call):
            self.waited_calls.add(id(func.value))

        queue_where = QUEUE_CALLS.get(method)
        if queue_where and isinstance(func, cst.Attribute):
            target = func.value if queue_where == "receiver" else (node.args[0].value if node.args else None)
            if target is not None:
                ref = CallRef(self.expr(target), line, col, kind="queue", waited=id(node) in self.waited_calls,
                              note=f".{method}()")
                fn.calls.append(ref)
                self.queue_refs[id(node)] = ref
        else:
            fn.calls.append(CallRef(callee_expr, line, col))
        self._note_wait(node, func, method, fn)
        if method in ADD_METHODS and isinstance(func, cst.Attribute):
            self._add_members(self.expr(func.value), [a.value for a in node.args])
        queued_arg = node.args[0] if queue_where == "first-arg" and node.args else None
        for index, arg in enumerate(node.args):
            if arg is queued_arg:
                continue  # already a queue edge, not a direct one
            position = arg.keyword.value if arg.keyword is not None else str(index)
            if isinstance(arg.value, (cst.Name, cst.Attribute)) or (
                isinstance(arg.value, cst.Call) and self.ctx.qualified(arg.value.func) in CALLABLE_WRAPPERS
            ):
                ref = self.expr(arg.value)
                if ref[0] in ("name", "attr", "param"):
                    fn.calls.append(CallRef(ref, line, col, kind="ref", arg=position))
                    continue
            if not arg.star and isinstance(arg.value, (cst.Name, cst.Attribute, cst.Call)):
                value = self.expr(arg.value)
                if value[0] in ARGUMENT_TAGS:
                    fn.calls.append(CallRef(value, line, col, kind="arg", arg=position))
            elif position == "args" and isinstance(arg.value, (cst.Tuple, cst.List)):
                # ``Thread(target=fn, args=(llm, x))``: the tuple is what ``fn`` is called with.
                for at, element in enumerate(arg.value.elements):
                    if isinstance(element.value, (cst.Name, cst.Attribute, cst.Call)) and not isinstance(element, cst.StarredElement):
                        value = self.expr(element.value)
                        if value[0] in ARGUMENT_TAGS or value[0] == "param":
                            fn.calls.append(CallRef(value, line, col, kind="arg", arg=f"args[{at}]"))

        resolved_method = _last_segment(callee_expr)
        if callee in self.facts.globals:  # a module-level alias: ``create = partial(client...create)``
            resolved_method = _last_segment(self.facts.globals[callee][-1])
        if (
            method in self.method_names
            or resolved_method in self.method_names
            or (callee is not None and callee in self.wrappers)
        ):
            self._record_site(node, callee_expr, method, (line, col, end_line, end_col))

        strings = tuple(v for v in (literal(a.value) for a in node.args) if isinstance(v, str))
        kind = sinks.sink_kind(callee, method, strings)
        if kind:
            self.facts.sinks.append(Sink(fn.qualname, kind, line, f"{self.ctx.code(func)}() sends to {kind}"))

        for recognizer in self.recognizers:
            recognizer.on_call(self.ctx, node, callee)

    def _add_members(self, container: Expr, values: List[cst.BaseExpression]) -> None:
        key = _container_key(container)
        if key is None:
            return
        members = self.facts.containers.setdefault(key, [])
        for value in values:
            if literal(value) is not None:
                continue  # names and keys, not members
            expr = self._member(value)
            members.extend(expr[1] if expr[0] == "many" else [expr])

    def _note_wait(self, node: cst.Call, func: cst.BaseExpression, method: str, fn: FunctionFacts) -> None:
        """``job = task.delay(x)`` then ``job.get()`` / ``asyncio.wait_for(job)`` / polling
        ``job.get_status()``: this code waits for the queued work, so it stays real-time."""
        waited: List[cst.BaseExpression] = []
        if method in WAIT_ON_JOB and isinstance(func, cst.Attribute):
            waited.append(func.value)
            if isinstance(func.value, cst.Call) and _last_name(func.value.func) == "AsyncResult":
                for ref in fn.calls:
                    if ref.kind == "queue":
                        ref.waited = True
        if self.ctx.qualified(func) in ("asyncio.wait_for", "asyncio.wait", "asyncio.gather") and node.args:
            waited.extend(a.value for a in node.args)
        scope = self._function_scope()
        for target in waited:
            if isinstance(target, cst.Name):
                for value in scope.locals.get(target.value, []):
                    inner = value.expression if isinstance(value, cst.Await) else value
                    ref = self.queue_refs.get(id(inner))
                    if ref is not None:
                        ref.waited = True

    def _record_site(self, node: cst.Call, callee: Expr, method: str, span: Tuple[int, int, int, int]) -> None:
        stream = False
        purpose = model = None
        for arg in node.args:
            if arg.keyword is None:
                continue
            key = arg.keyword.value
            if key == "stream":
                stream = literal(arg.value) is True
            elif key == "purpose":
                purpose = literal(arg.value)
            elif key in ("model", "model_id", "modelId", "model_name"):
                model = self.ctx.literal(arg.value)
        if model is None and isinstance(callee, list) and callee and callee[0] == "attr":
            model = None
        text = " ".join(self.module.code_for_node(node.func).split())
        self.facts.call_sites.append(
            CallSite(
                line=span[0],
                col=span[1],
                end_line=span[2],
                end_col=span[3],
                function=self.current_function().qualname,
                callee=callee,
                method=method,
                in_loop=self.loop_depth[-1] > 0,
                in_try=self.try_depth[-1] > 0,
                stream_kwarg=stream,
                purpose=purpose if isinstance(purpose, str) else None,
                model=model if isinstance(model, str) else None,
                text=text,
                awaited=id(node) in self.awaited_calls,
            )
        )

    # ---- comments: noqa and pragmas ---------------------------------------------------
    def visit_Comment(self, node: cst.Comment) -> None:
        line = self.line(node)
        noqa = NOQA_RE.search(node.value)
        if noqa:
            codes = noqa.group("codes")
            self.facts.noqa[line] = sorted({c.upper() for c in re.split(r"[\s,]+", codes) if c}) if codes else []
        pragma = PRAGMA_RE.search(node.value)
        if pragma:
            self.pragmas[line] = pragma.group("cls")

    def _apply_pragmas(self) -> None:
        if not self.pragmas:
            return
        for site in self.facts.call_sites:
            site.pragma = self.pragmas.get(site.line) or self.pragmas.get(site.end_line)
        for fn in self.facts.functions.values():
            fn.pragma = self.pragmas.get(fn.line) or self.pragmas.get(fn.line - 1)


# ---- helpers ---------------------------------------------------------------------------
def _last_segment(expr: Expr) -> str:
    """``create`` for both ``client.chat.completions.create`` and a local bound to it."""
    if expr and expr[0] == "name":
        return str(expr[1]).rsplit(".", 1)[-1]
    if expr and expr[0] == "attr":
        return str(expr[2])
    return ""


def _container_key(expr: Expr) -> Optional[str]:
    """Where additions to a container are kept: a global, ``Class.attr`` or ``function#local``."""
    if expr and expr[0] == "name":
        return str(expr[1])
    if expr and expr[0] == "local":
        return str(expr[1])
    if expr and expr[0] == "attr" and expr[1] and expr[1][0] == "self":
        return f"{expr[1][1]}.{expr[2]}"
    return None


def _last_name(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return node.value if isinstance(node, cst.Name) else ""


def _dotted(node: Optional[cst.BaseExpression]) -> Optional[str]:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


def _flat_body(stmt: cst.CSTNode) -> Iterable[cst.CSTNode]:
    body = getattr(stmt, "body", None)
    if isinstance(body, cst.IndentedBlock):
        yield from body.body
    orelse = getattr(stmt, "orelse", None)
    if orelse is not None:
        yield from _flat_body(orelse)
    for handler in getattr(stmt, "handlers", ()) or ():
        yield from _flat_body(handler)


def _is_main_guard(test: cst.BaseExpression) -> bool:
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    left, right = test.left, test.comparisons[0].comparator
    names = {n.value for n in (left, right) if isinstance(n, cst.Name)}
    strings = {literal(n) for n in (left, right) if isinstance(n, cst.SimpleString)}
    return names == {"__name__"} and strings == {"__main__"}


def _is_staticmethod(node: cst.FunctionDef) -> bool:
    return any(isinstance(d.decorator, cst.Name) and d.decorator.value == "staticmethod" for d in node.decorators)


class _LocalCollector:
    """Names assigned in a function body (not in nested defs): flow-insensitive bindings.
    Read-only, so it runs on ``cst_walk.walk`` rather than libcst's rebuilding visitor."""

    def __init__(self, scope: _Scope) -> None:
        self.scope = scope

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.scope.locals.setdefault(node.name.value, [])
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                self.scope.locals.setdefault(target.target.value, []).append(node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if isinstance(node.target, cst.Name):
            value = node.value if node.value is not None else node.annotation.annotation
            self.scope.locals.setdefault(node.target.value, []).append(value)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None and isinstance(node.asname.name, cst.Name):
            self.scope.locals.setdefault(node.asname.name.value, []).append(node.item)

    def visit_For(self, node: cst.For) -> None:
        source = node.iter
        target = node.target
        if (isinstance(source, cst.Call) and isinstance(source.func, cst.Name) and source.func.value == "enumerate"
                and source.args and isinstance(target, cst.Tuple) and len(target.elements) == 2):
            source, target = source.args[0].value, target.elements[1].value
        names = [target] if isinstance(target, cst.Name) else [
            e.value for e in target.elements if isinstance(e.value, cst.Name)
        ] if isinstance(target, cst.Tuple) else []
        for name in names:
            self.scope.locals.setdefault(name.value, []).append(_ItemOf(source))  # type: ignore[arg-type]

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in ADD_METHODS and isinstance(func.value, cst.Name):
            self.scope.containers.add(func.value.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        if isinstance(node.target, cst.Subscript) and isinstance(node.target.value, cst.Name):
            self.scope.containers.add(node.target.value.value)


def _collect_locals(body: cst.BaseSuite, scope: _Scope) -> None:
    walk(body, _LocalCollector(scope), layout=False)
    # nested defs are names of this scope; their qualnames are set when visited
    for name, values in list(scope.locals.items()):
        if not values:
            del scope.locals[name]


def extract(
    text: str,
    path: str,
    module: str,
    is_package: bool = False,
    wrappers: FrozenSet[str] = frozenset(),
) -> FileFacts:
    """Parse ``text`` once and return its facts. Raises ``ParseFailure`` on code it cannot read
    or cannot finish within the per-file budget (see ``parsing.within_budget``)."""
    return within_budget(lambda checked: _extract(text, path, module, is_package, wrappers, checked), text)


def _extract(
    text: str, path: str, module: str, is_package: bool, wrappers: FrozenSet[str], checked: bool = False
) -> FileFacts:
    tree = parse_module(text, checked)
    wrapper = MetadataWrapper(tree, unsafe_skip_copy=True)
    visitor = FactsVisitor(wrapper, path, module, is_package, all_recognizers(), wrappers)
    walk(wrapper.module, visitor)  # libcst's visiting order, without rebuilding every node
    return visitor.facts
