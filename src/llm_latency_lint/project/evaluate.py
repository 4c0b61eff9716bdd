"""Expressions (see ``model``) to sets of atoms, and the rules that define each solver node.

Nodes, keyed by tuples:

- ``("name", q)``            a qualified name: a definition, the union of its module-level
                             assignments, or a name reached through imports and aliases;
- ``("own", cls, attr)``     the union of a class's own assignments to an attribute
                             (class body, ``self.attr = ...``, annotations);
- ``("attr", kind, cls, a)`` an attribute looked up on a class or instance, through the MRO;
- ``("ret", fn)``            the union of a function's returns (the annotation a fallback);
- ``("members", key)``       what a container or builder holds (literal members plus additions);
- ``("arg", fn, key)``       what callers pass for a parameter (rules added by ``bindings``);
- ``("param", fn, n, i)``    an unannotated parameter: the SDK clients callers pass for it;
- ``("typed", fn, n, i, t)`` a parameter annotated ``t``: what callers pass (the annotation a fallback);
- ``("var", "fn#name")``     a local with several values: the union of them;
- ``("decorated", fn)``      what a decorator ``fn`` is applied to (``@fn``);
- ``("factory_decorated", fn)`` what a decorator factory ``fn`` is applied to (``@fn(...)``);
- ``("children", cls)``      the project classes naming ``cls`` as a base.
"""
from __future__ import annotations

from functools import partial
from typing import Dict, Iterable, List, Optional, Set

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.dispatch import (
    APP_CONFIG_LOOKUPS,
    DECORATED_RUN_METHODS,
    HOLDER_CALLS,
    IMPORTERS,
    LOOKUP_METHODS,
    PROPERTY_DECORATORS,
    RUN_METHODS,
)
from llm_latency_lint.catalog.providers.spec import SAME_CLIENT_CALLS, normalise_path
from llm_latency_lint.model import Expr
from llm_latency_lint.project import orm
from llm_latency_lint.project.app_registry import app_configs
from llm_latency_lint.project.callables import callables
from llm_latency_lint.project.classes import Hierarchy
from llm_latency_lint.project.consulted import Consulted
from llm_latency_lint.project.keys import ExprKeys
from llm_latency_lint.project.modules import imported, module_attr, resolve_name
from llm_latency_lint.project.pipes import pipe
from llm_latency_lint.project.services import PENDING, fill, pending
from llm_latency_lint.project.solver import NodeKey, Rule, Solver
from llm_latency_lint.project.symbols import Symbols
from llm_latency_lint.project.values import (
    EMPTY,
    MAX_PATH,
    PASSED_KINDS,
    Atom,
    Kind,
    Values,
    client,
    func,
    sdk_objects,
    union,
)

SDK_ROOTS = frozenset(providers.import_roots())


class Evaluator:
    def __init__(self, symbols: Symbols, budget: Optional[float] = None) -> None:
        self.s = symbols
        self.solver = Solver(self.define, budget)
        self.literals: Dict[str, List[Expr]] = {}  # container key -> literal members seen in expressions
        self.keys = ExprKeys()  # stable literal keys (no ``id()``: the same in every run)
        self.classes = Hierarchy(symbols, self)
        self.settled = False  # set once the seeded rules reached their fixpoint: values are final
        self.computed: Dict[str, str] = {}  # function -> the package a computed import loaded its module from
        self.consulted = Consulted()  # names the rules and node definitions looked up (``consulted``)
        self.query_notes: Optional[Consulted] = None

    # ---- what rules look up (``consulted``): a node's definition always, a rule while it runs;
    # outside rules, into ``query_notes`` while the edges are built (what a caller's edges looked up)
    def _notes(self) -> Optional[Consulted]:
        return self.consulted if self.solver.current is not None else self.query_notes

    def note(self, name: str) -> None:
        if (notes := self._notes()) is not None:
            notes.names.add(name)

    def note_all(self, names: Iterable[str]) -> None:
        if (notes := self._notes()) is not None:
            notes.names.update(names)

    def note_under(self, prefix: str) -> None:
        if (notes := self._notes()) is not None:
            notes.under.add(prefix)

    def note_methods(self, names: Iterable[str]) -> None:
        if (notes := self._notes()) is not None:
            notes.methods.update(names)

    def read(self, key: NodeKey) -> Values:
        return self.solver.read(key)

    # ---- node definitions ----------------------------------------------------------
    def define(self, key: NodeKey) -> Iterable[Rule]:
        tag = key[0]
        if tag in ("own", "ret", "members", "var", "name"):  # the entry the node's rules come from
            self.consulted.names.add(str(key[1]))
        if tag == "name":
            return self._define_name(str(key[1]))
        if tag == "own":
            cls, name = key[1], key[2]
            exprs = self.s.classes[cls].attrs.get(name, []) if cls in self.s.classes else []
            return [Rule(partial(self.eval, e), key, cls, (*key, i)) for i, e in enumerate(exprs)] + [
                Rule(partial(self.classes.constructed, cls, name), key, cls, (*key, "constructed"))]
        if tag == "attr":
            return [Rule(partial(self._attr, key[1], key[2], key[3]), key, key[2], key)]
        if tag == "ret":
            fn = self.s.functions.get(key[1])
            return [Rule(partial(self._declared, key, e) if e[:1] == ["declared"] else partial(self.eval, e), key, key[1],
                         (*key, i), fallback=e[:1] == ["declared"]) for i, e in enumerate(fn[0].returns)] if fn else []
        if tag == "members":
            return [Rule(partial(self._member, e), key, key[1], ("member", key[1], self.keys.key(e))) for e in self._member_exprs(str(key[1]))]
        if tag == "param":
            return [Rule(partial(self._param, key[1], key[2], key[3]), key, key[1], key)]
        if tag == "typed":
            return [Rule(partial(self.eval, ["param", *key[1:4]]), key, key[1], (*key, "passed")),
                    Rule(partial(self._declared, key, ["declared", key[4]]), key, key[1], (*key, "declared"), fallback=True)]
        if tag == "var":
            owner = str(key[1]).rpartition("#")[0]
            return [Rule(partial(self.eval, e), key, owner, (*key, i)) for i, e in enumerate(self.s.locals.get(str(key[1]), []))]
        return []  # "arg", "decorated", "factory_decorated", "children": grown by the rules of ``bindings``

    def _define_name(self, q: str) -> List[Rule]:
        s = self.s
        if q in s.globals and q not in s.functions and q not in s.classes and q not in s.containers:
            return [Rule(partial(self.eval, e), ("name", q), q, ("name", q, i)) for i, e in enumerate(s.globals[q])]
        return [Rule(partial(self._name, q), ("name", q), q, ("name", q))]

    def _member_exprs(self, key: str) -> List[Expr]:
        exprs = list(self.literals.get(key, []))
        for expr in self.s.globals.get(key, []):
            if expr and expr[0] == "many":
                exprs.extend(expr[1])
        cls, _, attr = key.rpartition(".")
        if cls in self.s.classes:
            for expr in self.s.classes[cls].attrs.get(attr, []):
                if expr and expr[0] == "many":
                    exprs.extend(expr[1])
        return exprs + self.s.containers.get(key, []) + orm.member_exprs(key)

    def _literal(self, key: str, exprs: List[Expr]) -> None:
        """Literal members met in an expression (a local container's value, a literal)."""
        if not self.keys.first(("literal", key), exprs):
            return
        if ("members", key) in self.solver.values:
            for expr in exprs:
                self.solver.add(Rule(partial(self._member, expr), ("members", key), key, ("member", key, self.keys.key(expr))))
        self.literals.setdefault(key, []).extend(exprs)  # every member rule can be made again (``state``)

    def _member(self, expr: Expr) -> Values:
        out: Set[Atom] = set()
        for atom in self.eval(expr):
            if atom.kind is Kind.MULTI:
                out |= self.read(("members", atom.name))
            else:
                out.add(atom)
        return out

    def members(self, key: str) -> Values:
        return self.read(("members", key))

    # ---- expressions ---------------------------------------------------------------
    def eval(self, expr: Expr) -> Values:
        if not expr:
            return EMPTY
        tag = expr[0]
        if tag == "name":
            return self.read(("name", str(expr[1])))
        if tag == "attr":
            return self.getattr(self.eval(expr[1]), str(expr[2]))
        if tag == "call":
            return self.call(self.eval(expr[1]), expr[2])
        if tag == "self":
            return {Atom(Kind.OBJ, str(expr[1]))}
        if tag == "super":
            return {Atom(Kind.SUPER, str(expr[1]))}
        if tag == "many":
            key = f"literal:{self.keys.key(expr)}"
            self._literal(key, expr[1])
            return {Atom(Kind.MULTI, key)}
        if tag == "any":  # alternatives: if/else branches, both operands of ``or``
            typed = expr[1] if len(expr[1]) == 2 else ()  # ``port: AiPort`` (``cast(AiPort, port)``)
            if typed and typed[0][0] == "type" and typed[0][1] and typed[1][0] == "param":
                return self.read(("typed", *typed[1][1:], typed[0][1]))
            return union(self.eval(e) for e in expr[1])
        if tag == "var":  # a local with several values: their union
            return self.read(("var", str(expr[1])))
        if tag == "item":
            return self.item(self.eval(expr[1]))
        if tag == "local":
            key = str(expr[1])
            self.note(key)
            if key in self.s.containers:  # an SDK object added to (Chroma's ``add``) stays that object too
                if expr[2] and expr[2][0] == "many":
                    self._literal(key, expr[2][1])
                return {Atom(Kind.MULTI, key), *sdk_objects(self.eval(expr[2]) if expr[2] and expr[2][0] != "many" else EMPTY)}
            return self.eval(expr[2])
        if tag == "param":
            decorated = self.decorated(str(expr[1])) if expr[3] == 0 else EMPTY
            return decorated or self.read(("param", str(expr[1]), str(expr[2]), expr[3]))
        if tag == "type" or tag == "declared":
            return self.instance_of(self.read(("name", str(expr[1])))) if expr[1] else EMPTY
        if tag == "held":  # objects only: a constructor's ``Any`` parameter keeps no callable
            return {a for a in self.eval(expr[1]) if a.kind is Kind.OBJ or a.kind is Kind.CLIENT and not a.path}
        if tag == "pipe":
            return pipe(self.eval(expr[1]) | self.eval(expr[2]))
        return EMPTY

    def _declared(self, node: NodeKey, expr: Expr) -> Values:
        """``def make() -> AiPort``, ``def __init__(self, port: AiPort)``: the annotation's instance, a fallback
        rule (``solver``): only where the returns, or what callers pass, hold nothing more precise (``refines``)."""
        declared = self.eval(expr)
        return EMPTY if self.classes.refines(self.read(node), declared) else declared

    def item(self, values: Values) -> Values:
        out: Set[Atom] = set()
        for atom in values:
            if atom.kind is Kind.MULTI:
                out |= orm.element(self.classes, atom) or {Atom(Kind.MULTI, atom.name)}
            elif atom.kind is Kind.OBJ:
                out.add(atom)  # ``for p in plugins`` with ``plugins: list[Base]``: the annotation named Base
        return out

    def _name(self, q: str) -> Values:
        return resolve_name(self, q)

    # ---- attributes and calls ------------------------------------------------------
    def getattr(self, values: Values, name: str) -> Values:
        out: Set[Atom] = set()
        for atom in values:
            out |= self._getattr(atom, name)
        return out

    def _getattr(self, atom: Atom, name: str) -> Values:
        kind = atom.kind
        if kind is Kind.MULTI:
            if orm.model_of(atom):
                return orm.attribute(atom, name)
            if name in LOOKUP_METHODS:
                return {Atom(Kind.MULTI, atom.name, (name,))}
            each = self.getattr(self.members(atom.name), name)
            if name in RUN_METHODS and not any(a.kind is Kind.FUNC for a in each):  # a builder run: its members
                return set(each) | {Atom(Kind.MULTI, atom.name, (name,))}  # run (a team's agents: theirs too)
            return each
        if kind is Kind.SUPER:
            for klass in self.classes.mro(atom.name)[1:]:
                qual = f"{klass}.{name}"
                self.note(qual)
                if qual in self.s.functions:
                    return {func(qual)}
            return EMPTY
        if kind is Kind.CLIENT:
            return {client(atom.name, atom.path + (name,))} if len(atom.path) < MAX_PATH else EMPTY
        if kind is Kind.EXTERNAL:
            return {Atom(Kind.EXTERNAL, f"{atom.name}.{name}")} if atom.name.count(".") < MAX_PATH else EMPTY
        if kind is Kind.MODULE:
            return module_attr(self, atom, name)
        if kind is Kind.FUNC and name in DECORATED_RUN_METHODS:
            return {atom}  # ``tools[name].invoke(args)`` on a ``@tool`` function runs the function
        if (kind is Kind.OBJ or kind is Kind.CLASS) and "*" in name:  # ``getattr(self, f"on_{event}")``
            return {func(q, atom.name if kind is Kind.OBJ else "") for q in self.classes.methods_like(atom.name, name)}
        if kind is Kind.OBJ or kind is Kind.CLASS:
            return self.read(("attr", kind.value, atom.name, name))
        return EMPTY

    def _attr(self, kind: str, cls: str, name: str) -> Values:
        """A method, a container, the assignments along the MRO, or a subclassed SDK client's attribute."""
        order = self.classes.mro(cls)
        self.note_all(f"{klass}.{name}" for klass in order)  # functions, containers, attributes
        # ``Post.objects``: a queryset of ``Post``, and the project's own manager where the model sets one
        return orm.manager(self.classes, kind, cls, name) | self._own_attr(kind, cls, name, order)

    def _own_attr(self, kind: str, cls: str, name: str, order: List[str]) -> Values:
        for klass in order:
            qual = f"{klass}.{name}"
            if qual in self.s.functions:
                if kind == Kind.OBJ.value and PROPERTY_DECORATORS.intersection(self.s.functions[qual][0].decorators):
                    return self.read(("ret", qual))  # ``self.client`` of a ``@property``: what the getter returns
                return {func(qual, cls if kind == Kind.OBJ.value else "")}
        for klass in order:
            if f"{klass}.{name}" in self.s.containers:
                return {Atom(Kind.MULTI, f"{klass}.{name}")}
        owners = [k for k in order if k in self.s.classes and name in self.s.classes[k].attrs]
        if not owners and kind == Kind.OBJ.value:  # a mixin's ``self.client``: the subclasses set it
            subclasses = self.classes.subclasses(cls)
            self.note_all(f"{k}.{name}" for k in subclasses)
            owners = [k for k in subclasses if name in self.s.classes[k].attrs]
        if owners:
            return union(self.read(("own", k, name)) for k in owners)
        base = self.classes.client_base(cls)
        return {client(base, (name,))} if base else EMPTY

    def call(self, values: Values, literal: Optional[str]) -> Values:
        out: Set[Atom] = set()
        for atom in values:
            out |= self._call(atom, literal)
        return out

    def _call(self, atom: Atom, literal: Optional[str]) -> Values:
        kind = atom.kind
        if kind is Kind.MULTI:
            if orm.model_of(atom):
                return orm.called(self.classes, atom)
            if atom.path and atom.path[0] in LOOKUP_METHODS:
                return {Atom(Kind.MULTI, atom.name)}
            if atom.path:
                return EMPTY  # ``graph.invoke()``: the edge is to the members, the result unknown
            return self.call(self.members(atom.name), literal)
        if kind is Kind.EXTERNAL:
            if atom.name in IMPORTERS:  # ``import_module("pkg.mod")``, ``import_module(f"pkg.{x}")``
                return imported(self, atom.name, literal)
            if atom.name in APP_CONFIG_LOOKUPS:  # ``apps.get_app_config("chatbot")``
                return app_configs(list(self.s.classes.values()), literal)
            if atom.name in HOLDER_CALLS:  # a ContextVar: what its ``set`` calls store (``bindings``)
                return {Atom(Kind.MULTI, f"{atom.name}#{literal or ''}")}
            if literal and providers.is_client(f"{atom.name}#{literal}"):
                return {client(f"{atom.name}#{literal}")}
            if not literal and pending(atom.name):
                return {client(atom.name + PENDING)}
            if providers.is_client(atom.name):
                return {client(providers.canonical(atom.name))}
            match = providers.match_function(atom.name)
            if match and match.op.returns:  # a factory, or a call site that returns an SDK object
                return {client(match.op.returns)}
            return {atom} if atom.name in providers.resource_classes() else EMPTY
        if kind is Kind.CLIENT:
            if not atom.path:  # a stored ``lambda: AsyncOpenAI()`` is held as the client it builds
                return {atom}
            norm = normalise_path(atom.path)
            if norm and norm[-1] in SAME_CLIENT_CALLS:
                return {client(atom.name, atom.path[:-1])}
            returned = providers.factory_result(atom.name, atom.path)
            if returned:
                return {client(returned)}
            if literal:
                sub = ".".join([atom.name, *norm]) + f"#{literal}"
                if providers.is_client(sub):
                    return {client(sub)}
            built = None if literal else pending(".".join([atom.name, *norm]))
            return {built} if built else EMPTY
        if kind is Kind.CLASS:
            new = self.classes.method(atom.name, "__new__")  # a ``__new__`` factory returns what it builds
            return {self.classes.class_instance(atom.name)} | (self.read(("ret", new)) if new else EMPTY)
        if kind is Kind.FUNC:
            return fill(self.read(("ret", atom.name)), literal)
        return EMPTY

    def _param(self, fn: str, name: str, index: int) -> Values:
        """What callers pass for an unannotated parameter (``summarise(ChatOpenAI(), t)``,
        ``submit(summarise, chain, t)``, ``job(Report())``): ``PASSED_KINDS`` and SDK modules."""
        passed = self.read(("arg", fn, str(index))) | self.read(("arg", fn, name))
        return {a for a in passed if a.kind in PASSED_KINDS
                or (a.kind is Kind.EXTERNAL and a.name in SDK_ROOTS)}

    def decorated(self, fn: str) -> Values:
        """The first parameter of a decorator (or of the function a decorator factory returns)
        is every function or class that decorator is applied to."""
        owners = [fn]
        self.note(fn)  # and its prefixes
        parts = fn.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:cut])
            if prefix in self.s.functions:
                owners.append(prefix)
        own = self.read(("decorated", fn))
        return own | union(self.read(("decorated", owner)) | self.read(("factory_decorated", owner)) for owner in owners[1:])

    def instance_of(self, values: Values) -> Values:
        out: Set[Atom] = set()
        for atom in values:
            if atom.kind is Kind.CLASS:
                out.add(self.classes.class_instance(atom.name))
            elif atom.kind is Kind.EXTERNAL and providers.is_client(atom.name):
                out.add(client(providers.canonical(atom.name)))
            elif atom.kind in (Kind.CLIENT, Kind.OBJ, Kind.MULTI) or (atom.kind is Kind.EXTERNAL and atom.name in SDK_ROOTS):
                out.add(atom)  # ``openai_client: openai`` (the SDK module), a dependency alias's value (a graph too)
        return out

    def callables(self, values: Values) -> List[str]:
        return callables(self, values)

