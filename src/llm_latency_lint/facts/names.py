"""Expressions of the facts pass: a libcst expression becomes a small JSON-able ``Expr``
(see ``model``) with names resolved through the file's imports and scopes."""
from __future__ import annotations

import builtins
from contextlib import contextmanager
from typing import Dict, Iterator, List, Optional, Sequence, Union

import libcst as cst

from llm_latency_lint.catalog.dispatch import (
    ANY_MODULE,
    APP_STATE,
    BUILTIN_PASS_THROUGH,
    CAST_CALLS,
    ELEMENT_CALLS,
    HOLDER_CALLS,
    PASS_THROUGH_CALLS,
    SESSION_STORES,
    STATE_OWNER_NAMES,
    STATE_OWNER_TYPES,
    slot_key,
)
from llm_latency_lint.catalog.orm import INSTANCE_SHORTCUTS, LIST_SHORTCUTS
from llm_latency_lint.catalog.providers.chroma import COLLECTION_OF
from llm_latency_lint.catalog.providers.http import base_url_provider
from llm_latency_lint.facts.annotations import AnnotationsMixin, names_a_type
from llm_latency_lint.facts.computed import attribute_choices, attribute_pattern
from llm_latency_lint.facts.expr_shapes import MAX_INLINE, either, size
from llm_latency_lint.facts.injected import provided, resolves_class
from llm_latency_lint.facts.scopes import DeclaredAs, ItemOf, Local, Scope
from llm_latency_lint.facts.spec_files import computed_import, loaded_module
from llm_latency_lint.facts.through import (
    STORE_OF,
    collection_embeddings,
    composed,
    composed_parts,
    held_model,
    store_embeddings,
    wrapped_callable,
)
from llm_latency_lint.model import CONSTANT, Expr
from llm_latency_lint.syntax.literals import joined_containers, literal

ANNOTATED = frozenset({"typing.Annotated", "typing_extensions.Annotated"})


# What a parameter's reassignment may add to it: an object the graph can type (``_param``).
REBOUND_TAGS = frozenset({"name", "attr", "call"})


class NamesMixin(AnnotationsMixin):
    """Expression encoding for ``FactsVisitor`` (which holds the scopes and facts it reads)."""

    # ---- expressions -----------------------------------------------------------------
    def expr(self, node: cst.BaseExpression) -> Expr:
        if node is self._callee[0]:
            return self._callee[1]
        key = id(node)
        if key in self._expr_guard:
            return ["unknown", "recursive"]
        self._expr_guard.add(key)
        try:
            return self._expr(node)
        finally:
            self._expr_guard.discard(key)

    def constant_name(self, node: cst.BaseExpression) -> Optional[str]:
        """``$`` and the qualified name of an attribute chain on a module-level name (``LLMProvider.OPENAI``)."""
        found = self.expr(node)
        return f"{CONSTANT}{found[1]}" if found and found[0] == "name" and "." in str(found[1]) else None

    def session_slot(self, func: Expr, node: cst.Call, method: int) -> Optional[str]:
        """The slot a session store's ``get`` (``method`` 0) or ``set`` (1) call names with a literal
        key (a module constant too), keyed by store, module and key; else None."""
        if func[0] != "name" or not node.args:
            return None
        store, _, called = str(func[1]).rpartition(".")
        methods = SESSION_STORES.get(store)
        if methods is None or called != methods[method]:
            return None
        key = self.ctx.literal(node.args[0].value)
        return slot_key(store, self.facts.module, key) if isinstance(key, str) else None

    def _expr(self, node: cst.BaseExpression) -> Expr:
        # by the node's own type: libcst's classes are ABCs, where a failing ``isinstance`` is a
        # Python call, and most expressions fail a dozen (its concrete classes have no subclasses;
        # ``type(node) is`` narrows for mypy)
        if type(node) is cst.Name:
            just_bound = self.dominated.get(id(node))  # ``a = B(); a.run()``: the ``B`` bound just before
            return self._name(node.value) if just_bound is None else self.expr(just_bound)
        if type(node) is cst.Attribute:
            if isinstance(node.value, cst.Attribute) and node.value.attr.value == "state" \
                    and self._application(node.value.value):
                return ["name", f"{APP_STATE}.{node.attr.value}"]  # ``request.app.state.llm``
            base = self.expr(node.value)
            if base[0] == "name":
                return ["name", f"{base[1]}.{node.attr.value}"]
            return ["attr", base, node.attr.value]
        if type(node) is cst.Call:
            if isinstance(node.func, cst.Name) and node.func.value == "super" and not node.args:
                cls = next((sc.cls for sc in reversed(self.scopes) if sc.kind == "class"), None)
                owner = self.facts.functions.get(self._function_scope().qualname)
                cls = owner.cls if owner is not None and owner.cls else cls
                if cls:
                    return ["super", cls]
            func = self.expr(node.func)
            loaded = loaded_module(func, node, self.string_values, self.facts.module, self.facts.path)
            if loaded is not None:  # ``import_module("pkg.mod")``, ``module_from_spec(spec)``
                return loaded
            wrapped = wrapped_callable(func, node, self.facts.imports)  # ``partial(f)``, ``t.override()``
            if wrapped is not None:
                return self.expr(wrapped)
            if func == ["unknown", "getattr"] and len(node.args) >= 2:  # ``getattr(self, f"handle_{kind}")``
                pattern = attribute_pattern(node.args[1].value, self.string_values)
                if pattern:
                    return ["attr", self.expr(node.args[0].value), pattern]
                choices = attribute_choices(node.args[1].value, self.loop_sources, self.string_values)
                if choices:  # ``for hook in ("setup", "teardown"): getattr(m, hook)``: those names
                    receiver = self.expr(node.args[0].value)
                    return either([["attr", receiver, name] for name in choices])
                loaded = self.expr(node.args[0].value)
                if literal(node.args[1].value) is None and computed_import(loaded):
                    return ["attr", loaded, ANY_MODULE]  # a configured name out of a computed import's module
            passed = self._passed_through(func, node.args)
            if passed is not None:
                return passed
            parts = composed_parts(func, node)
            if parts is not None:  # ``RunnableWithMessageHistory(chain, ...)`` holds what ``chain`` holds
                return composed([self.expr(p) for p in parts])
            over = store_embeddings(func, node)
            if over is not None:  # a vector store over ``emb`` embeds with it (``catalog...langchain``)
                return ["call", ["attr", self.expr(over), STORE_OF], None]
            function = collection_embeddings(node)
            if function is not None:  # a Chroma collection over ``ef`` embeds with it (``providers.chroma``)
                return ["call", ["attr", self.expr(function), COLLECTION_OF], None]
            held = held_model(func, node)
            if held is not None:  # ``VectorstoreIndexCreator(embedding=emb)`` indexes with ``emb``
                model = ["call", ["name", held[0]], None] if isinstance(held[0], str) else self.expr(held[0])
                return ["call", ["attr", model, held[1]], None]
            slot = self.session_slot(func, node, 0)
            if slot is not None:  # ``cl.user_session.get("chain")``: what this module stored there
                return ["name", slot]
            first = next(
                (literal(a.value) for a in node.args if a.keyword is None and not a.star), None
            )
            if not isinstance(first, str):
                first = self._base_url(node) or _keyword_literal(node, "service_name")
            elif func[0] == "name" and func[1] in HOLDER_CALLS:  # ``ContextVar("llm")``: this module's
                first = f"{self.facts.module}:{first}"
            return ["call", func, first if isinstance(first, str) else None]
        if type(node) is cst.Await:
            return self.expr(node.expression)
        if type(node) is cst.BinaryOperation and (isinstance(node.operator, cst.BitOr) or joined_containers(node)):
            sides = [self.expr(node.left), self.expr(node.right)]  # ``TOOLS + extra``: both lists' members
            return ["pipe", *sides] if isinstance(node.operator, cst.BitOr) else ["many", sides]
        if type(node) is cst.SimpleString or type(node) is cst.ConcatenatedString:
            value = literal(node)
            return ["str", value] if isinstance(value, str) else ["unknown", "str"]
        if type(node) is cst.BooleanOperation:  # ``client or OpenAI()``: either operand
            return either([self.expr(node.left), self.expr(node.right)])
        if type(node) is cst.IfExp:  # both branches
            return either([self.expr(node.body), self.expr(node.orelse)])
        if type(node) is cst.Dict:
            return ["many", [self._member(e.value) for e in node.elements if isinstance(e, cst.DictElement)]]
        if type(node) is cst.List or type(node) is cst.Tuple or type(node) is cst.Set:
            return ["many", [self._member(e.value) for e in node.elements if isinstance(e, cst.Element)]]
        if type(node) is cst.Subscript:
            marked = provided(node, self.expr)  # ``Provide[Container.service]``: what the provider builds
            if marked is not None:
                return marked
            base = self.expr(node.value)
            if base[0] == "name" and base[1] in ANNOTATED and len(node.slice) > 1:
                alias = self._annotated_alias(node)  # ``LLMDep = Annotated[BaseChatModel, Depends(get_llm)]``
                if alias is not None:
                    return alias
            return ["item", base]
        if type(node) is cst.ListComp or type(node) is cst.SetComp or type(node) is cst.GeneratorExp or type(node) is cst.DictComp:
            with self.comprehension(node):  # ``{p.name: p for p in PROVIDERS}`` holds PROVIDERS' members
                return ["many", [self._member(node.value if isinstance(node, cst.DictComp) else node.elt)]]
        if type(node) is cst.Lambda:  # ``lambda m=module: m.run()``: its defaults bound in the body
            with self.lambda_scope(node):
                return self.expr(node.body) if isinstance(node.body, cst.Call) else ["unknown", "lambda"]
        return ["unknown", type(node).__name__]

    def string_values(self, name: str) -> List[cst.BaseExpression]:
        """A name's assigned values where it is read (``facts/computed.py``); none for a parameter."""
        bound = self._local_bindings(name)
        if bound is None:
            return [self.module_values[name]] if name in self.module_values else []
        values = [v for v in bound if not isinstance(v, DeclaredAs)]
        exprs = [v for v in values if isinstance(v, cst.BaseExpression)]
        return exprs if len(exprs) == len(values) else []  # none where one is a loop variable

    def loop_sources(self, name: str) -> List[cst.BaseExpression]:
        """What a loop variable is drawn from (``for hook in HOOKS``), where every binding is one."""
        bound = self._local_bindings(name) or []
        return [v.node for v in bound if isinstance(v, ItemOf)] if all(isinstance(v, ItemOf) for v in bound) else []

    def _local_bindings(self, name: str) -> Optional[List[Local]]:
        """A name's local bindings where it is read: [] for a parameter, None where no function binds it."""
        for scope in reversed(self.scopes):
            if scope.kind == "class" and scope is not self.scopes[-1]:
                continue
            if name in scope.params:
                return []
            if name in scope.locals:
                return scope.locals[name]
        return None

    def _application(self, owner: cst.BaseExpression) -> bool:
        """Does ``owner``'s ``.state`` hold the process-wide namespace (``dispatch.APP_STATE``): an
        ``app`` (lifespan parameter, module-level app, base factory's local), ``request.app``, a request
        (the lifespan state's copy: ``facts/yields.py``), one of ``STATE_OWNER_TYPES``."""
        if isinstance(owner, cst.Attribute):
            return owner.attr.value in STATE_OWNER_NAMES
        if not isinstance(owner, cst.Name):
            return False
        if owner.value in STATE_OWNER_NAMES:
            return True
        value = self.expr(owner)
        if value[0] == "name" and isinstance(self.module_values.get(owner.value), cst.Call):
            value = self.expr(self.module_values[owner.value])
        if value[0] == "type" or (value[0] == "call" and value[1] and value[1][0] == "name"):
            return str(value[1] if value[0] == "type" else value[1][1]) in STATE_OWNER_TYPES
        return False

    def _base_url(self, node: cst.Call) -> Optional[str]:
        """``OpenAI(base_url="https://api.deepseek.com")``: "base_url=deepseek", so the client is
        typed as that server's (``providers.compatible``); None for OpenAI's own or an unread URL."""
        value = next((a.value for a in node.args if a.keyword is not None
                      and a.keyword.value in ("base_url", "api_base", "host")), None)
        if value is None:
            return None
        provider = base_url_provider(self.url_text(value))
        return f"base_url={provider}" if provider else None

    def _passed_through(self, func: Expr, args: Sequence[cst.Arg]) -> Optional[Expr]:
        """``sorted(xs)``, ``tqdm(xs)``, ``list(xs)`` hold what ``xs`` holds; ``next(it)`` and
        ``random.choice(xs)`` an element; ``cast(Provider, x)`` is a ``Provider`` (and ``x``);
        ``get_object_or_404(Post, ...)`` a ``Post`` (``catalog/orm.py``)."""
        positional = [a.value for a in args if a.keyword is None and not a.star]
        if not positional:
            return None
        builtin = func[0] == "unknown" and func[1] in BUILTIN_PASS_THROUGH
        if builtin or (func[0] == "name" and func[1] in PASS_THROUGH_CALLS):
            return self.expr(positional[0])
        if (func[0] == "unknown" and func[1] == "next") or (func[0] == "name" and func[1] in ELEMENT_CALLS):
            return ["item", self.expr(positional[0])]
        if func[0] == "name" and func[1] in INSTANCE_SHORTCUTS | LIST_SHORTCUTS:  # ``get_object_or_404(Post, pk=1)``
            model = self._annotation(positional[0]) if not isinstance(positional[0], cst.Call) else ""
            element = ["type", model] if model else ["item", self.expr(positional[0])]
            return element if func[1] in INSTANCE_SHORTCUTS else ["many", [element]]
        if func[0] == "name" and func[1] in CAST_CALLS and len(positional) == 2:
            declared = self._annotation(positional[0])
            value = self.expr(positional[1])
            return either([["type", declared], value]) if declared else value
        if len(positional) == 1 and resolves_class(func) and self._annotation(positional[0]):  # injector.get(C)
            return ["type", self._annotation(positional[0])]
        return None

    @contextmanager
    def comprehension(self, node: Comprehension) -> Iterator[None]:
        """Bind a comprehension's targets to elements of what each ``for`` iterates while its
        expressions are encoded (the visitor binds them around the calls inside too)."""
        self.enter_comprehension(node)
        try:
            yield
        finally:
            self.comp_names.pop()

    def enter_comprehension(self, node: Comprehension) -> None:
        bound: Dict[str, Expr] = {}
        self.comp_names.append(bound)
        clause: Optional[cst.CompFor] = node.for_in
        while clause is not None:
            source: cst.BaseExpression = clause.iter
            target: cst.BaseExpression = clause.target
            if (isinstance(source, cst.Call) and isinstance(source.func, cst.Name) and source.func.value == "enumerate"
                    and source.args and isinstance(target, cst.Tuple) and len(target.elements) == 2):
                index = target.elements[0].value
                if isinstance(index, cst.Name):
                    bound[index.value] = ["unknown", index.value]
                source, target = source.args[0].value, target.elements[1].value
            element = ["item", self.expr(source)]
            names = [target] if isinstance(target, cst.Name) else [
                e.value for e in target.elements if isinstance(e.value, cst.Name)
            ] if isinstance(target, (cst.Tuple, cst.List)) else []
            for name in names:
                bound[name.value] = element
            clause = clause.inner_for_in

    def _member(self, node: cst.BaseExpression) -> Expr:
        """A container element; a lambda stands for the function it calls."""
        if isinstance(node, cst.Lambda) and isinstance(node.body, cst.Call):
            with self.lambda_scope(node):
                return self.expr(node.body.func)
        return self.expr(node)

    def _name(self, name: str) -> Expr:
        for bound in reversed(self.comp_names):
            if name in bound:
                return bound[name]
        for scope in reversed(self.scopes):
            if scope.kind == "class" and scope is not self.scopes[-1]:
                continue  # class bodies do not enclose their methods' names
            if name in scope.params:
                return self._param(scope, name)
            if name in scope.locals and scope.kind == "function" and (scope.locals[name] or name not in scope.defs):
                expr = self._local(scope.qualname, name, scope.locals[name])
                if name in scope.containers:
                    return ["local", f"{scope.qualname}#{name}", expr]
                return expr
            if name in scope.defs:
                return ["name", scope.defs[name]]
        if name in self.facts.imports:
            return ["name", self.facts.imports[name]]
        later = self.later_import(name) if any(sc.kind == "function" for sc in self.scopes) else []
        if later:  # an import below the function binds the global it reads when it runs (each branch's)
            return ["name", later[0]] if len(later) == 1 else ["many", [["name", t] for t in later]]
        stars = self.star_modules()
        found = [["name", f"{m}.{name}"] for m in stars] if stars and not hasattr(builtins, name) else []
        return (found[0] if len(found) == 1 else ["many", found]) if found else ["unknown", name]

    def _param(self, scope: Scope, name: str) -> Expr:
        """A parameter, and the objects its body binds to it again: ``if api_client is None:
        api_client = DefaultClient`` or ``client = client or OpenAI()`` leave the default's class or
        client in the name too (what callers pass stays one of its values). Only names, attributes
        and calls count (``text = text.strip()`` adds nothing), each small enough to inline; a
        mention of the parameter inside its own new values reads the parameter alone (``_param_guard``:
        else each of ``text = text.replace(...)`` repeated n times reads all the others again, n!)."""
        param = scope.params[name]
        key = (id(scope), name)
        if scope.kind != "function" or name not in scope.locals or key in self._param_guard:
            return param
        rebound: List[Expr] = []
        self._param_guard.add(key)
        try:
            for value in scope.locals[name]:
                if isinstance(value, (DeclaredAs, ItemOf)):
                    continue
                expr = self._local_value(value)
                for option in expr[1] if expr[0] == "any" else [expr]:
                    if option[0] in REBOUND_TAGS and option != param and option not in rebound \
                            and size(option) <= MAX_INLINE:
                        rebound.append(option)
        finally:
            self._param_guard.discard(key)
        return ["any", [param, *rebound]] if rebound else param

    def _local(self, function: str, name: str, values: List[Local]) -> Expr:
        """A local's value: inlined when it has one small value; else ``["var", key]``, its
        values (every assignment, loop and ``with`` binding) kept once in the function's facts,
        so that the graph holds their union and a self-referencing reassignment (``m = wrap(m)``,
        ``xs = xs[:n]``) adds to the name instead of erasing it."""
        fn = self.facts.functions.get(function)
        if fn is None or (name not in fn.locals and len(values) == 1):
            expr = self._local_value(values[-1])
            if fn is None or size(expr) <= MAX_INLINE:
                return expr
        if name not in fn.locals:
            self._hold(fn.locals, name, values)
        return ["var", f"{function}#{name}"]

    def settle_locals(self, scope: Scope) -> None:
        """Its visit ends: a function's kept locals evaluated again, its whole body seen (a recogniser's
        read as the ``def`` opens, before ``import anthropic`` in the body, left them unknown)."""
        held = self.facts.functions[scope.qualname].locals if scope.qualname in self.facts.functions else {}
        for name in [n for n in held if scope.locals.get(n)]:
            self._hold(held, name, scope.locals[name])

    def _hold(self, held: Dict[str, List[Expr]], name: str, values: List[Local]) -> None:
        held[name] = []  # a mention of the name inside its own values reads the var
        found: List[Expr] = []
        for expr in map(self._local_value, values):
            if expr not in found:
                found.append(expr)
        held[name] = found

    def _local_value(self, value: Local) -> Expr:
        outer, self.comp_names = self.comp_names, []  # a local's value never sees a comprehension's names
        try:
            if isinstance(value, DeclaredAs):  # ``llm: LLMClient = ...``: the annotation's type, if it names one
                return ["type", declared] if names_a_type(declared := self._annotation(value.node)) else ["unknown", "hint"]
            return ["item", self.expr(value.node)] if isinstance(value, ItemOf) else self.expr(value)
        finally:
            self.comp_names = outer


Comprehension = Union[cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp]


def _keyword_literal(node: cst.Call, keyword: str) -> Optional[str]:
    """``boto3.client(service_name="bedrock-runtime")``: the keyword's string literal."""
    value = next((literal(a.value) for a in node.args if a.keyword is not None and a.keyword.value == keyword), None)
    return value if isinstance(value, str) else None
