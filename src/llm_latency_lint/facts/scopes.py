"""Scopes of the facts pass: what a module, class or function binds, and the names it assigns.

Locals are bound flow-insensitively: every value a name is given in a function body is kept.
"""
from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Set, Union

import libcst as cst

from llm_latency_lint.catalog.queues import ADD_METHODS
from llm_latency_lint.catalog.work_queues import WORK_QUEUE_CLASS_NAMES
from llm_latency_lint.model import Expr
from llm_latency_lint.syntax.literals import dotted, literal
from llm_latency_lint.syntax.walk import walk

MODULE_SCOPE = "<module>"
MAIN_SCOPE = "__main__"


@dataclass
class Scope:
    kind: str  # "module" | "class" | "function"
    qualname: str
    locals: Dict[str, List[Local]] = field(default_factory=dict)  # every value a name is given
    params: Dict[str, Expr] = field(default_factory=dict)
    defaults: Dict[str, cst.BaseExpression] = field(default_factory=dict)  # param -> its default
    # parameters annotated as plain data (``message: str``): content, never a conversation object
    plain: Set[str] = field(default_factory=set)
    defs: Dict[str, str] = field(default_factory=dict)  # nested def/class name -> qualname
    cls: Optional[str] = None
    self_name: Optional[str] = None
    containers: Set[str] = field(default_factory=set)  # locals that things are added to
    # names a ``global`` statement declares: an assignment to one binds the module's name
    declared_global: Set[str] = field(default_factory=set)
    # what holds the instance a method builds of its own class (``instance``, ``cls._instance``)
    instances: Set[str] = field(default_factory=set)

    def instance_owner(self, target: cst.Attribute) -> Optional[str]:
        """The class whose instance attribute ``target`` sets in this method: ``self.x = ...``, or
        ``x`` set on the instance a singleton's ``__new__`` or ``get_instance`` builds
        (``cls._instance = super().__new__(cls)``; ``cls._instance.client = Client()``)."""
        owner = self.params.get(self.self_name) if self.self_name else None
        held = target.value.value if isinstance(target.value, cst.Name) else dotted(target.value)
        if not owner or not (held == self.self_name or held in self.instances):
            return None
        return str(owner[1])

    def note_instance(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        """``target`` holds an instance this method builds of its class: ``super().__new__(cls)``,
        ``object.__new__(cls)``, ``cls()`` in a classmethod."""
        func = value.func if isinstance(value, cst.Call) and self.self_name else None
        builds = (isinstance(func, cst.Attribute) and func.attr.value == "__new__") or (
            isinstance(func, cst.Name) and func.value == self.self_name)
        name = dotted(target) if builds else None
        if name:
            self.instances.add(name)


class ItemOf:
    """A loop variable: an element of ``node`` (``for fn in HANDLERS.values()``)."""

    def __init__(self, node: cst.BaseExpression) -> None:
        self.node = node


# Annotations that type no object a call could reach (``n: int = 0``): no ``DeclaredAs`` for them.
BUILTIN_TYPES = frozenset(name for name in dir(builtins) if isinstance(getattr(builtins, name), type))


class DeclaredAs:
    """An annotated local (``llm: LLMClient = context.bot_data["llm"]``): also an instance of its
    annotation, whatever an untyped lookup on the right gives."""

    def __init__(self, node: cst.BaseExpression) -> None:
        self.node = node


# What a local is bound to: an expression, an element of one (a loop variable), or an annotation.
Local = Union[cst.BaseExpression, ItemOf, DeclaredAs]


def flat_body(stmt: cst.CSTNode) -> Iterable[cst.CSTNode]:
    body = getattr(stmt, "body", None)
    if isinstance(body, cst.IndentedBlock):
        yield from body.body
    orelse = getattr(stmt, "orelse", None)
    if orelse is not None:
        yield from flat_body(orelse)
    for handler in getattr(stmt, "handlers", ()) or ():
        yield from flat_body(handler)


def is_main_guard(test: cst.BaseExpression) -> bool:
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    left, right = test.left, test.comparisons[0].comparator
    names = {n.value for n in (left, right) if isinstance(n, cst.Name)}
    strings = {literal(n) for n in (left, right) if isinstance(n, cst.SimpleString)}
    return names == {"__name__"} and strings == {"__main__"}


def unpacked(target: cst.BaseExpression) -> List[cst.Name]:
    """The names a tuple or list target binds (``a, (b, c) = ...``); none for a plain name."""
    if not isinstance(target, (cst.Tuple, cst.List)):
        return []
    found: List[cst.Name] = []
    for element in target.elements:
        value = element.value
        found.extend([value] if isinstance(value, cst.Name) else unpacked(value))
    return found


def is_staticmethod(node: cst.FunctionDef) -> bool:
    return any(isinstance(d.decorator, cst.Name) and d.decorator.value == "staticmethod" for d in node.decorators)


def is_classmethod(node: cst.FunctionDef) -> bool:
    """``cls`` of a classmethod (or of the implicit ones) is the class, so ``cls(...)`` constructs."""
    if node.name.value in ("__init_subclass__", "__class_getitem__"):
        return True
    return any(isinstance(d.decorator, cst.Name) and d.decorator.value == "classmethod" for d in node.decorators)


class LocalCollector:
    """Names assigned in a function body (not in nested defs): flow-insensitive bindings.
    Read-only, so it runs on ``cst_walk.walk`` rather than libcst's rebuilding visitor."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        # a nested def is a name of this scope from the start: a handler defined earlier in the
        # body may call a helper defined further down (it runs later, when both exist)
        self.scope.locals.setdefault(node.name.value, [])
        self.scope.defs.setdefault(node.name.value, f"{self.scope.qualname}.{node.name.value}")
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.scope.defs.setdefault(node.name.value, f"{self.scope.qualname}.{node.name.value}")
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                self.scope.locals.setdefault(target.target.value, []).append(node.value)
                self._queue(target.target.value, node.value)
            for name in unpacked(target.target):  # ``client, model = make()``: an element of the value
                self.scope.locals.setdefault(name.value, []).append(ItemOf(node.value))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if isinstance(node.target, cst.Name):
            value = node.value if node.value is not None else node.annotation.annotation
            self.scope.locals.setdefault(node.target.value, []).append(value)
            self._queue(node.target.value, value)
            annotation = node.annotation.annotation
            if node.value is not None and not (isinstance(annotation, cst.Name) and annotation.value in BUILTIN_TYPES):
                self.scope.locals[node.target.value].append(DeclaredAs(annotation))

    def _queue(self, name: str, value: cst.BaseExpression) -> None:
        """``q = queue.Queue()``: a work queue is followed as an object (``catalog/work_queues.py``)."""
        if isinstance(value, cst.Call) and (dotted(value.func) or "").rsplit(".", 1)[-1] in WORK_QUEUE_CLASS_NAMES:
            self.scope.containers.add(name)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None and isinstance(node.asname.name, cst.Name):
            self.scope.locals.setdefault(node.asname.name.value, []).append(node.item)

    def visit_For(self, node: cst.For) -> None:
        source = node.iter
        target: cst.BaseExpression = node.target
        if (isinstance(source, cst.Call) and isinstance(source.func, cst.Name) and source.func.value == "enumerate"
                and source.args and isinstance(target, cst.Tuple) and len(target.elements) == 2):
            source, target = source.args[0].value, target.elements[1].value
        names = [target] if isinstance(target, cst.Name) else [
            e.value for e in target.elements if isinstance(e.value, cst.Name)
        ] if isinstance(target, cst.Tuple) else []
        for name in names:
            self.scope.locals.setdefault(name.value, []).append(ItemOf(source))

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        if isinstance(node.target, cst.Name):  # ``if (agent := make()):`` binds ``agent``
            self.scope.locals.setdefault(node.target.value, []).append(node.value)

    def visit_MatchAs(self, node: cst.MatchAs) -> None:
        """``case Agent() as a:`` binds an ``Agent``; other captures bind a value nothing types."""
        if isinstance(node.name, cst.Name):
            pattern = node.pattern
            value = cst.Call(func=pattern.cls) if isinstance(pattern, cst.MatchClass) else cst.Ellipsis()
            self.scope.locals.setdefault(node.name.value, []).append(value)

    def visit_MatchStar(self, node: cst.MatchStar) -> None:
        if isinstance(node.name, cst.Name):
            self.scope.locals.setdefault(node.name.value, []).append(cst.Ellipsis())

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in ADD_METHODS and isinstance(func.value, cst.Name):
            self.scope.containers.add(func.value.value)

    def visit_Global(self, node: cst.Global) -> None:
        self.scope.declared_global.update(item.name.value for item in node.names)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        if isinstance(node.target, cst.Subscript) and isinstance(node.target.value, cst.Name):
            self.scope.containers.add(node.target.value.value)


def collect_locals(body: cst.BaseSuite, scope: Scope, module: Optional[Scope] = None, prefix: str = "") -> None:
    """The function's local names; a ``global`` name it assigns becomes a name of ``module``
    (``def init(): global gemini; gemini = Gemini()``), so other functions read it, not NameError."""
    walk(body, LocalCollector(scope), layout=False)
    for name in scope.declared_global:  # ``global ENGINE; ENGINE = build()`` binds the module's ENGINE
        if scope.locals.pop(name, None) and module is not None:
            module.defs.setdefault(name, f"{prefix}{name}")
    # nested defs are names of this scope; their qualnames are set when visited
    for name, values in list(scope.locals.items()):
        if not values:
            del scope.locals[name]


def global_key(target: cst.Subscript) -> str:
    """``"gemini"`` for ``globals()["gemini"]``: a module global written by name; else ""."""
    owner, index = target.value, target.slice[0].slice if len(target.slice) == 1 else None
    if (isinstance(owner, cst.Call) and isinstance(owner.func, cst.Name) and owner.func.value == "globals"
            and isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString)):
        key = index.value.evaluated_value
        return key if isinstance(key, str) and key.isidentifier() else ""
    return ""


def count_defs(body: Iterable[cst.CSTNode], counts: Dict[str, int]) -> Set[int]:
    """How often each module-level function is defined (in the module's scope, not the main guard);
    returns the stand-ins for failed imports among them (``import_fallbacks``)."""
    body = list(body)
    for stmt in body:
        if isinstance(stmt, cst.FunctionDef):
            counts[stmt.name.value] = counts.get(stmt.name.value, 0) + 1
        elif isinstance(stmt, cst.Try) or (isinstance(stmt, cst.If) and not is_main_guard(stmt.test)):
            count_defs(flat_body(stmt), counts)
    return import_fallbacks(body)


def predeclare(stmt: cst.CSTNode, scope: "Scope", module: str, constants: Dict[str, object],
               looped: bool = False) -> None:
    """Module-level names, so a call may name a def that comes later in the file; names bound
    in a module-level loop too (``for spec in SPECS: job = build_job(spec)``), with no constant
    value (a loop rebinds them). Not inside ``with``: a UI block's widgets (``with gr.Blocks():
    btn = gr.Button()``) are read by the recognisers through their values."""
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        scope.defs[stmt.name.value] = f"{module}.{stmt.name.value}"
    elif isinstance(stmt, cst.SimpleStatementLine):
        for small in stmt.body:
            if isinstance(small, cst.Assign):
                for assigned in small.targets:  # ``model = llm = Ollama(...)`` binds both names
                    target = assigned.target
                    if isinstance(target, cst.Name):
                        scope.defs.setdefault(target.value, f"{module}.{target.value}")
                        value = None if looped else literal(small.value)
                        if value is not None:
                            constants[target.value] = value
                    for name in unpacked(target):  # ``client, model = make()``
                        scope.defs.setdefault(name.value, f"{module}.{name.value}")
            elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                scope.defs.setdefault(small.target.value, f"{module}.{small.target.value}")
    elif isinstance(stmt, cst.Try):
        # ``try: from x import f`` / ``except ImportError: f = None`` (or a stub ``def f``): the
        # fallback does not redefine the name the import binds (the import is what runs where it works).
        imported = _imported_names(stmt.body.body)
        stubs = _fallback_defs(stmt, imported)
        for inner in flat_body(stmt):
            if not (isinstance(inner, cst.SimpleStatementLine) and _assigned_names(inner) <= imported
                    and _assigned_names(inner)) and id(inner) not in stubs:
                predeclare(inner, scope, module, constants, looped)
    elif isinstance(stmt, (cst.If, cst.For, cst.While)):
        for inner in flat_body(stmt):
            predeclare(inner, scope, module, constants, looped or isinstance(stmt, (cst.For, cst.While)))


def import_fallbacks(body: Iterable[cst.CSTNode]) -> Set[int]:
    """Module-level ``def``s and ``class``es standing in for an import that failed (``try: from
    .llm import ask`` / ``except ImportError: def ask(...): return None``), by node id: the name
    keeps the import's binding, so callers reach the real function, and the stub only its own facts."""
    found: Set[int] = set()
    for stmt in body:
        if isinstance(stmt, cst.Try):
            found |= _fallback_defs(stmt, _imported_names(stmt.body.body))
        elif isinstance(stmt, cst.If) and not is_main_guard(stmt.test):
            found |= import_fallbacks(flat_body(stmt))
    return found


def _fallback_defs(stmt: cst.Try, imported: set) -> Set[int]:
    """The ids of the definitions in ``stmt``'s handlers that rebind a name its body imports."""
    return {id(inner) for handler in stmt.handlers for inner in flat_body(handler)
            if isinstance(inner, (cst.FunctionDef, cst.ClassDef)) and inner.name.value in imported}


def _imported_names(body: Iterable[cst.CSTNode]) -> set:
    """The names ``import``/``from ... import`` statements among ``body`` bind."""
    names = set()
    for stmt in body:
        for small in getattr(stmt, "body", ()) if isinstance(stmt, cst.SimpleStatementLine) else ():
            if isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(small.names, cst.ImportStar):
                for alias in small.names:
                    bound: cst.BaseExpression = alias.asname.name if alias.asname else alias.name
                    while isinstance(bound, cst.Attribute):  # ``import a.b`` binds ``a``
                        bound = bound.value
                    if isinstance(bound, cst.Name):
                        names.add(bound.value)
    return names


def _assigned_names(stmt: cst.SimpleStatementLine) -> set:
    """The plain names a line's assignments bind (``f = g = None``)."""
    return {t.target.value for small in stmt.body if isinstance(small, cst.Assign)
            for t in small.targets if isinstance(t.target, cst.Name)}
