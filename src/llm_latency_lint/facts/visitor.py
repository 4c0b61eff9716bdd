"""One libcst pass over a file yields its ``FileFacts``.

The visitor keeps a scope stack (module, classes, functions), resolves names through the file's
imports into qualified names, and records per function the calls it makes as expressions (see
``model``) that the project graph evaluates across files; trigger recognisers see the same nodes.
"""
from __future__ import annotations

import functools
from contextlib import contextmanager
from typing import Dict, FrozenSet, Iterable, Iterator, List, Optional, Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.sources import script_docs
from llm_latency_lint.catalog.triggers import all_recognizers
from llm_latency_lint.catalog.triggers.api import Decorator, Recognizer
from llm_latency_lint.facts.assignments import AssignmentsMixin
from llm_latency_lint.facts.attr_writes import count_dynamic
from llm_latency_lint.facts.branches import branch_guards, keep_fixed, param_defaults
from llm_latency_lint.facts.calls import CallsMixin
from llm_latency_lint.facts.comments import CommentsMixin, comments_matter
from llm_latency_lint.facts.constant_flags import FileBindings
from llm_latency_lint.facts.context import FileContext
from llm_latency_lint.facts.conversations import plain_annotation
from llm_latency_lint.facts.dominating import dominated_receivers
from llm_latency_lint.facts.flag_branches import flag_branches
from llm_latency_lint.facts.handoffs import HandoffMixin
from llm_latency_lint.facts.imports import ImportsMixin
from llm_latency_lint.facts.keyed_calls import KeyedDicts, keyed_calls
from llm_latency_lint.facts.names import Comprehension, NamesMixin
from llm_latency_lint.facts.pass_state import NO_CALLEE
from llm_latency_lint.facts.path_roots import path_roots
from llm_latency_lint.facts.routes import RoutesMixin
from llm_latency_lint.facts.scopes import (
    MAIN_SCOPE,
    MODULE_SCOPE,
    Scope,
    collect_locals,
    count_defs,
    flat_body,
    is_classmethod,
    is_main_guard,
    is_staticmethod,
    predeclare,
)
from llm_latency_lint.facts.signatures import signature
from llm_latency_lint.facts.unreachable import dead_calls, mark_unreachable
from llm_latency_lint.facts.url_params import url_params
from llm_latency_lint.facts.urls import HttpMixin
from llm_latency_lint.model import (
    ClassFacts,
    Expr,
    FileFacts,
    FunctionFacts,
    Trigger,
)
from llm_latency_lint.syntax.checked import checked_tree
from llm_latency_lint.syntax.parse import parse_module, within_budget
from llm_latency_lint.syntax.positions import Positions
from llm_latency_lint.syntax.walk import walk


class FactsVisitor(ImportsMixin, NamesMixin, RoutesMixin, CallsMixin, HandoffMixin, HttpMixin, CommentsMixin,
                   AssignmentsMixin, cst.CSTVisitor):
    """One pass over a module: scopes, imports, classes, functions and control flow here;
    expressions, calls and comments in the mixins named for them."""

    def __init__(
        self,
        wrapper: MetadataWrapper,
        path: str,
        module: str,
        is_package: bool,
        recognizers: Iterable[Recognizer],
        wrappers: FrozenSet[str] = frozenset(),
        places: Optional[Positions] = None,
    ) -> None:
        super().__init__()
        # each attribute's type and meaning: ``pass_state.PassState``
        self.module = wrapper.module
        # Where nodes are (``syntax.positions``); without CPython's tree, libcst's PositionProvider.
        self._positions = places if places is not None else Positions(wrapper.module, "", None)
        self.source = places.text if places is not None else None
        self.facts = FileFacts(path=path, module=module)
        self.bindings = FileBindings(self.module, self.source or "")  # counted when first asked
        self._keyed = KeyedDicts(self.module, self.bindings)  # the module's dicts read only by key
        self.is_package = is_package
        self.recognizers = tuple(recognizers)
        self.wrappers = wrappers
        self.ctx = FileContext(self)
        self.scopes = []
        self.loop_depth = [0]
        self.try_depth = [0]
        self.waited_calls = set()
        self.queue_refs = {}
        self.called_refs = {}
        self.awaited_calls = set()
        self.deferred_sites = []
        self.module_constants = {}
        self.module_values = {}
        self.module_history = {}
        self._expr_guard = set()
        self._callee = NO_CALLEE
        self._param_guard = set()
        self.comp_names = []
        self.dominated = {}
        self.method_names = providers.method_names() | {w.rsplit(".", 1)[-1] for w in wrappers}
        self.pragmas = {}
        self.comments_seen = []
        self.redefined = {}
        self.fallbacks = set()
        self.decorator_calls = set()
        self.url_attributes = {}

    # ---- module ----------------------------------------------------------------------
    def visit_Module(self, node: cst.Module) -> None:
        qual = f"{self.facts.module}.{MODULE_SCOPE}"
        self.facts.functions[qual] = FunctionFacts(qualname=qual, name=MODULE_SCOPE, line=1)
        scope = Scope("module", qual)
        for stmt in node.body:
            predeclare(stmt, scope, self.facts.module, self.module_constants)
        self.fallbacks = count_defs(node.body, self.redefined)
        self.note_module_imports(list(node.body))
        self.scopes.append(scope)

    def leave_Module(self, original_node: cst.Module) -> None:
        for recognizer in self.recognizers:
            recognizer.on_module_end(self.ctx)
        if self.source:  # a schedule the script's docstring documents (label policy 2)
            self.facts.triggers.extend(script_docs.triggers(self.facts.path, self.source))
        self.settle_deferred_sites()
        self.settle_handoffs()
        self._apply_pragmas()

    # ---- classes and functions -------------------------------------------------------
    def _qual(self, name: str) -> str:
        parent = self.scopes[-1]
        return f"{self.facts.module}.{name}" if parent.kind == "module" else f"{parent.qualname}.{name}"

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        stub = id(node) in self.fallbacks  # a stand-in for a failed import keeps its facts, not the name
        qual = self._qual(node.name.value) + (f"@{self.line(node)}" if stub else "")
        if not stub:
            self.scopes[-1].defs[node.name.value] = qual
        bases = [self.expr(b.value) for b in node.bases if b.keyword is None]
        self.facts.classes[qual] = ClassFacts(
            qualname=qual, line=self.line(node), bases=bases,
            decorators=[d for d in (self._decorator(dec).name for dec in node.decorators) if d],
        )
        base_names = [b[1] if b and b[0] == "name" else None for b in bases]
        for recognizer in self.recognizers:
            recognizer.on_class(self.ctx, node, qual, base_names)
        self.scopes.append(Scope("class", qual, cls=qual))

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.scopes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        parent = self.scopes[-1]
        qual = self._qual(node.name.value)
        line = self.line(node)
        stub = id(node) in self.fallbacks  # ``except ImportError: def ask(...)``: the import keeps the name
        if stub or (parent.kind == "module" and self.redefined.get(node.name.value, 0) > 1):
            # Redefined later in the module (two ``async def root()`` routes): this one keeps its own decorators,
            # calls and evidence; the last keeps the plain name later references and other modules see.
            self.redefined[node.name.value] = self.redefined.get(node.name.value, 1) - 1
            qual = f"{qual}@{line}"
        if not stub:
            parent.defs[node.name.value] = qual
        cls = parent.cls if parent.kind == "class" else None
        fn = FunctionFacts(
            qualname=qual, name=node.name.value, line=line, cls=cls, is_async=node.asynchronous is not None,
            docstring=(node.get_docstring() or "")[:500], params=signature(node, cls is not None),
            defaults=param_defaults(node, self.constant_name),
            lookups=keyed_calls(node, self._keyed.tables(), self.line),
        )
        self.facts.functions[qual] = fn
        scope = Scope("function", qual)
        params = list(node.params.posonly_params) + list(node.params.params) + list(node.params.kwonly_params)
        offset = 0
        for index, param in enumerate(params):
            name = param.name.value
            if index == 0 and cls is not None and not is_staticmethod(node):
                scope.self_name = name
                scope.params[name] = ["name", cls] if is_classmethod(node) else ["self", cls]
                offset = 1
            else:
                scope.params[name] = self.param_value(param, qual, index - offset)
                if plain_annotation(param):
                    scope.plain.add(name)
                if param.default is not None:
                    scope.defaults[name] = param.default
        if node.returns is not None:  # ``-> Summarizer``: what a getter returns even when its body loads it
            declared = self._annotation(node.returns.annotation)
            if declared:
                fn.returns.append(["declared", declared])  # the fallback of what the returns hold
        collect_locals(node.body, scope, self.scopes[0], f"{self.facts.module}.")
        self.dominated.update(dominated_receivers(node.body, scope.containers))
        decorators = [self._decorator(d) for d in node.decorators]
        fn.decorators = decorator_names(decorators)
        self.scopes.append(scope)
        self.loop_depth.append(0)
        self.try_depth.append(0)
        for recognizer in self.recognizers:
            recognizer.on_function(self.ctx, node, qual, decorators)
        self.record_routes(qual, decorators)
        self.register_decorated(node, qual, decorators)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        scope = self.scopes[-1]
        self.settle_locals(scope)
        fn = self.facts.functions[scope.qualname]
        # read in the function's own scope (its locals are not the module's constants), once it is walked
        receiver = scope.self_name if scope.self_name and scope.params[scope.self_name][:1] == ["self"] else None
        fn.guards = branch_guards(original_node, self._positions.lines_of, receiver, self.constant_name)
        self.scopes.pop()
        keep_fixed(original_node, fn, receiver)  # ``facts/branches``
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

    # ---- control flow ----------------------------------------------------------------
    def _enter_loop(self, node: cst.CSTNode) -> None:
        self.loop_depth[-1] += 1

    def _leave_loop(self, original_node: cst.CSTNode) -> None:
        self.loop_depth[-1] -= 1

    visit_For = visit_While = _enter_loop
    leave_For = leave_While = _leave_loop

    def _enter_comp(self, node: Comprehension) -> None:
        self.loop_depth[-1] += 1
        self.enter_comprehension(node)  # its targets bound for the calls inside

    def _leave_comp(self, original_node: cst.CSTNode) -> None:
        self.loop_depth[-1] -= 1
        self.comp_names.pop()

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _enter_comp
    leave_ListComp = leave_SetComp = leave_DictComp = leave_GeneratorExp = _leave_comp

    def lambda_bindings(self, node: cst.Lambda) -> Dict[str, Expr]:
        """A lambda's parameters with defaults hold them in its body (``lambda m=module: m.run()``:
        the default is read where the lambda is made, the usual way to capture a loop variable)."""
        params = [*node.params.params, *node.params.kwonly_params]
        return {p.name.value: self.expr(p.default) for p in params if p.default is not None}

    @contextmanager
    def lambda_scope(self, node: cst.Lambda) -> Iterator[None]:
        self.comp_names.append(self.lambda_bindings(node))
        try:
            yield
        finally:
            self.comp_names.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.comp_names.append(self.lambda_bindings(node))  # for the calls inside its body

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.comp_names.pop()

    def visit_Try(self, node: cst.Try) -> None:
        self.try_depth[-1] += 1

    def leave_Try(self, original_node: cst.Try) -> None:
        self.try_depth[-1] -= 1

    def visit_If(self, node: cst.If) -> Optional[bool]:
        if self.scopes[-1].kind == "module" and is_main_guard(node.test):
            qual = f"{self.facts.module}.{MAIN_SCOPE}"
            self.facts.functions[qual] = FunctionFacts(qualname=qual, name=MAIN_SCOPE, line=self.line(node))
            scope = Scope("function", qual)
            collect_locals(node.body, scope)  # ``bot = Bot(); asyncio.run(bot.loop())``
            self.dominated.update(dominated_receivers(node.body, scope.containers))
            for stmt in flat_body(node):  # a handler may name a def written further down the block
                if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                    scope.defs.setdefault(stmt.name.value, f"{qual}.{stmt.name.value}")
            self.scopes.append(scope)
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
            self.settle_locals(scope)
            self.scopes.pop()
            self.loop_depth.pop()
            self.try_depth.pop()

    def _is_main_if(self, node: cst.If) -> bool:
        return len(self.scopes) >= 2 and self.scopes[-2].kind == "module" and is_main_guard(node.test)


# ---- helpers ---------------------------------------------------------------------------
def extract(
    text: str,
    path: str,
    module: str,
    is_package: bool = False,
    wrappers: FrozenSet[str] = frozenset(),
) -> FileFacts:
    """Parse ``text`` once and return its facts. Raises ``ParseFailure`` on code it cannot read
    or cannot finish within the per-file budget (see ``parsing.within_budget``)."""
    # A partial, not a lambda: a forkserver child (Python 3.12+) gets the work pickled.
    return within_budget(functools.partial(_extract, text, path, module, is_package, wrappers), text)


def _extract(
    text: str, path: str, module: str, is_package: bool, wrappers: FrozenSet[str], checked: bool = False
) -> FileFacts:
    tree = parse_module(text, checked)
    wrapper = MetadataWrapper(tree, unsafe_skip_copy=True)
    places = Positions(tree, text, checked_tree(text))
    visitor = FactsVisitor(wrapper, path, module, is_package, all_recognizers(), wrappers, places)
    # libcst's order without rebuilding nodes; layout nodes only where a comment can matter
    walk(wrapper.module, visitor, layout=comments_matter(text))
    url_params(visitor).resolve(visitor.facts)  # a helper's URL parameter: its callers' requests
    flags = visitor.bindings  # the file's bindings, counted once for its dicts and both kinds of flag
    mark_unreachable(visitor.facts, dead_calls(wrapper.module, visitor.line, visitor.span, "lambda" in text, flags.false_flags()))
    visitor.facts.path_roots = path_roots(wrapper.module) if "path" in text else []
    visitor.facts.flag_branches = flag_branches(wrapper.module, flags.module_flags(), visitor.line, places.lines_of)
    count_dynamic(visitor.facts.attr_writes, visitor.facts.functions.values(), text)
    return visitor.facts


def decorator_names(decorators: Sequence[Decorator]) -> List[str]:
    """Qualified decorator names, and ``property`` for the builtin: a property's value is what its
    getter returns (``project.evaluate`` reads it so)."""
    names: List[str] = []
    for dec in decorators:
        if dec.name:
            names.append(dec.name)
        elif isinstance(dec.node.decorator, cst.Name) and dec.node.decorator.value == "property":
            names.append("property")
    return names
