"""The project graph: all files' facts joined, names resolved across modules, call edges.

``Evaluator`` gives an expression (see ``model``) a meaning: a project function, class or
instance, an SDK client with an attribute path, or an external name. Call sites are matched
against the provider catalog through it, and caller -> callee edges are built with it.
"""
from __future__ import annotations

import posixpath
import re
import sys
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.providers.spec import (
    SAME_CLIENT_CALLS,
    Match,
    normalise_path,
)
from llm_latency_lint.files.testpaths import is_test_path
from llm_latency_lint.model import (
    CallRef,
    CallSite,
    Expr,
    FileFacts,
    FunctionFacts,
    Trigger,
)

MAX_DEPTH = 40


@dataclass(frozen=True)
class Value:
    # "func" | "class" | "obj" | "module" | "client" | "external" | "multi" | "unknown"
    kind: str
    name: str = ""
    # client: the attribute path; func: the receiver's class for a method looked up on an
    # instance (overrides in its subclasses are reachable too); multi: a pending lookup method.
    path: Tuple[str, ...] = ()
    members: Tuple["Value", ...] = ()  # multi: every value the container may hold

    def attr(self, name: str) -> "Value":
        return Value(self.kind, self.name, self.path + (name,))


UNKNOWN = Value("unknown")
MAX_MEMBERS = 64
# Methods of a container or builder that return (a view of) its members, and methods that
# run them: ``HANDLERS.get(name)``, ``builder.compile()`` / ``graph.invoke(state)``.
LOOKUP_METHODS = frozenset({"get", "values", "items", "pop", "setdefault", "copy", "compile", "with_config",
                            "__getitem__"})
# Calls that run a callable with the arguments given after it: ``executor.submit(fn, a, b)``,
# ``loop.run_in_executor(None, fn, a)``, ``asyncio.to_thread(fn, a)``, ``partial(fn, a)``.
FORWARDING_CALLS = frozenset({"submit", "run_in_executor", "to_thread", "run_sync", "start_soon", "call_soon",
                              "call_soon_threadsafe", "spawn", "partial"})
_ARGS_ITEM = re.compile(r"args\[(\d+)\]$")
RUN_METHODS = frozenset({"invoke", "ainvoke", "stream", "astream", "batch", "abatch", "run", "arun", "start",
                         "execute", "dispatch", "__call__", "run_sync", "kickoff", "stream_events"})


@dataclass
class Edge:
    src: str
    dst: str
    kind: str  # "call" | "ref" | "queue"
    path: str
    line: int
    waited: bool = False
    note: str = ""


@dataclass
class ResolvedSite:
    site: CallSite
    facts: FileFacts
    match: Match


@dataclass
class Project:
    files: List[FileFacts]
    wrappers: Dict[str, Tuple[str, str]] = field(default_factory=dict)  # qualname -> (provider, op)
    functions: Dict[str, Tuple[FunctionFacts, FileFacts]] = field(init=False)
    classes: Dict[str, object] = field(init=False)
    globals: Dict[str, List[Expr]] = field(init=False)
    modules: Dict[str, FileFacts] = field(init=False)
    task_names: Dict[str, str] = field(init=False)
    containers: Dict[str, List[Expr]] = field(init=False)
    _bound: Optional[Dict[str, List[Tuple[str, str, Expr]]]] = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        self.functions, self.classes, self.globals, self.modules, self.task_names = {}, {}, {}, {}, {}
        self.containers = {}
        for facts in self.files:
            self.modules[facts.module] = facts
            for qual, fn in facts.functions.items():
                self.functions[qual] = (fn, facts)
            self.classes.update(facts.classes)
            for name, exprs in facts.globals.items():
                self.globals.setdefault(name, []).extend(exprs)
            self.task_names.update(facts.task_names)
            for key, exprs in facts.containers.items():
                self.containers.setdefault(key, []).extend(exprs)
        self.module_aliases = _path_module_aliases(self.files)
        self.evaluator = Evaluator(self)

    # ---- lookups ---------------------------------------------------------------------
    def resolve_function(self, target: Expr) -> List[str]:
        """Project functions a trigger or edge target names."""
        if not target:
            return []
        if target[0] == "str":
            return self._resolve_dotted(str(target[1]))
        value = self.evaluator.eval(target)
        found = self.callables(value)
        if target[0] == "param":
            found += [q for q in self.passed_as(target) if q not in found]
        return found

    def passed_as(self, param: Expr, depth: int = 0) -> List[str]:
        """What callers pass for a parameter: a scheduler helper of the user's
        (``def every(fn, minutes): scheduler.add_job(fn, ...)``) schedules what it is given."""
        if depth > 3:
            return []
        found: List[str] = []
        for kind, expr in self.arguments_for(param):
            if kind != "ref":
                continue
            if expr[0] == "param":
                found.extend(self.passed_as(expr, depth + 1))
            else:
                found.extend(self.callables(self.evaluator.eval(expr)))
        return list(dict.fromkeys(found))

    def arguments_for(self, param: Expr) -> List[Tuple[str, Expr]]:
        """(kind, expr) of every argument callers bind to ``["param", fn, name, index]``."""
        fn_name, name, index = str(param[1]), str(param[2]), param[3]
        bound = self._bound_arguments().get(fn_name, [])
        return [(kind, expr) for key, kind, expr in bound if key in (str(index), name)]

    def _bound_arguments(self) -> Dict[str, List[Tuple[str, str, Expr]]]:
        """Callee -> (parameter key, kind, expr) for each argument of each project call.

        A direct call binds its arguments in place (``helper(llm, text)``); a forwarding call
        (``executor.submit(helper, llm, text)``, ``partial(helper, llm)``) binds the arguments
        after the callable to the callable's parameters. Built once, on first use.
        """
        if self._bound is not None:
            return self._bound
        self._bound = {}
        self.evaluator.binding = True  # parameters read as unknown while the table is incomplete
        try:
            for facts in self.files:
                for caller in facts.functions.values():
                    for call, arguments in _calls_with_arguments(caller.calls):
                        self._bind(call, arguments)
        finally:
            self.evaluator.binding = False
            self.evaluator.forget()  # what was memoised meanwhile saw those unknown parameters
        return self._bound

    def _bind(self, call: CallRef, arguments: List[CallRef]) -> None:
        for callee in self.callables(self.evaluator.eval(call.expr)):
            for ref in arguments:
                self._bound.setdefault(callee, []).append((str(ref.arg), ref.kind, ref.expr))
        for ref in arguments:
            if ref.arg == "target" and ref.kind == "ref":  # Thread(target=fn, args=(a, b))
                for target in self.callables(self.evaluator.eval(ref.expr)):
                    for other in arguments:
                        found = _ARGS_ITEM.match(str(other.arg))
                        if found:
                            self._bound.setdefault(target, []).append((found.group(1), other.kind, other.expr))
        if _method_of(call.expr) not in FORWARDING_CALLS:
            return
        positional = sorted((int(str(r.arg)), r) for r in arguments if str(r.arg).isdigit())
        for at, ref in positional:
            targets = self.callables(self.evaluator.eval(ref.expr)) if ref.kind == "ref" else []
            if targets:
                for target in targets:
                    for later, other in positional:
                        if later > at:
                            self._bound.setdefault(target, []).append((str(later - at - 1), other.kind, other.expr))
                return

    def callables(self, value: Value) -> List[str]:
        if value.kind == "multi":
            if value.path and value.path[0] in LOOKUP_METHODS:
                return []  # ``HANDLERS.get(name)`` looks up; calling what it returns is the edge
            return list(dict.fromkeys(q for member in value.members for q in self.callables(member)))
        if value.kind == "func":
            if value.path:  # a method looked up on an instance of value.path[0]
                return [value.name, *self.evaluator.overrides(value.path[0], value.name.rsplit(".", 1)[-1])]
            return [value.name]
        if value.kind == "class":
            init = f"{value.name}.__init__"
            return [init] if init in self.functions else []
        if value.kind == "obj":
            call = self.evaluator.method(value.name, "__call__")
            return [call] if call else []
        return []

    def _resolve_dotted(self, name: str) -> List[str]:
        name = name.replace(":", ".").strip()
        if name in self.task_names:
            return [self.task_names[name]]
        if name in self.functions:
            return [name]
        # A dotted name relative to a src/ layout or a package prefix the scan root lacks.
        hits = [q for q in self.functions if q.endswith("." + name) or name.endswith("." + q)]
        if hits:
            return hits[:1]
        short = {v for k, v in self.task_names.items() if k.endswith("." + name) or name.endswith("." + k)}
        return sorted(short)[:1]

    # ---- call sites --------------------------------------------------------------------
    def resolved_sites(self) -> List[ResolvedSite]:
        found: List[ResolvedSite] = []
        for facts in self.files:
            if is_test_path(facts.path):
                continue  # tests exercise calls against mocks; nobody pays for them
            roots = frozenset(q.split(".")[0] for q in facts.imports.values())
            for site in facts.call_sites:
                if site.function in self.wrappers:
                    continue  # reported at the wrapper's callers
                match = self.match_site(site, roots)
                if match is not None:
                    found.append(ResolvedSite(site, facts, match))
        return found

    def match_site(self, site: CallSite, roots: FrozenSet[str]) -> Optional[Match]:
        value = self.evaluator.eval(site.callee)
        match: Optional[Match] = None
        if value.kind == "client":
            match = providers.match_client_call(value.name, value.path)
        elif value.kind == "external":
            match = providers.match_function(value.name)
        elif value.kind == "func" and value.name in self.wrappers:
            provider_id, operation = self.wrappers[value.name]
            match = _wrapper_match(provider_id, operation)
        elif value.kind == "unknown":
            path = _unknown_root_path(site.callee)
            if path:
                match = providers.match_unresolved(path, roots)
        if match is None or match.op.kind == providers.FACTORY:
            return None
        required = match.op.requires_kwarg
        if required and site.purpose not in required[1]:
            return None
        return match

    # ---- edges -------------------------------------------------------------------------
    def edges(self) -> Dict[str, List[Edge]]:
        out: Dict[str, List[Edge]] = {}
        for facts in self.files:
            for fn in facts.functions.values():
                for ref in fn.calls:
                    for dst in self._edge_targets(ref):
                        if dst != fn.qualname or ref.kind == "queue":
                            out.setdefault(fn.qualname, []).append(
                                Edge(fn.qualname, dst, ref.kind, facts.path, ref.line, ref.waited, ref.note)
                            )
        return out

    def _edge_targets(self, ref: CallRef) -> List[str]:
        if ref.kind == "arg":
            return []  # a value bound to a parameter, not a callable
        value = self.evaluator.eval(ref.expr)
        if ref.kind == "ref" and value.kind not in ("func",):
            return []
        if ref.kind == "queue" and value.kind == "unknown" and ref.expr and ref.expr[0] == "str":
            return self._resolve_dotted(str(ref.expr[1]))
        return self.callables(value)

    def bind_entry_points(self, triggers: Iterable[Tuple[Trigger, FileFacts]]) -> Dict[str, List[Tuple[Trigger, FileFacts]]]:
        """Entry points by key ("script:path", "module:pkg.mod", "command:name")."""
        found: Dict[str, List[Tuple[Trigger, FileFacts]]] = {}
        for trigger, facts in triggers:
            if trigger.entry_key:
                found.setdefault(trigger.entry_key, []).append((trigger, facts))
                if trigger.entry_key.startswith("script:"):
                    found.setdefault(f"module:{facts.module}", []).append((trigger, facts))
        return found


class Evaluator:
    """Gives expressions a meaning across the project (memoised, cycle-safe)."""

    def __init__(self, project: Project) -> None:
        self.p = project
        self._names: Dict[str, Value] = {}
        self._params: Dict[str, Value] = {}
        self._active: Set[str] = set()
        self.binding = False  # while the project builds its table of bound arguments

    def forget(self) -> None:
        """Drop memoised names and parameters (once, after the bound-argument table is built)."""
        self._names.clear()
        self._params.clear()

    def eval(self, expr: Expr, depth: int = 0) -> Value:
        if not expr or depth > MAX_DEPTH:
            return UNKNOWN
        tag = expr[0]
        if tag == "name":
            return self.name(str(expr[1]), depth + 1)
        if tag == "attr":
            return self.getattr(self.eval(expr[1], depth + 1), str(expr[2]), depth + 1)
        if tag == "call":
            return self.call(self.eval(expr[1], depth + 1), expr[2], depth + 1)
        if tag == "self":
            return Value("obj", str(expr[1]))
        if tag == "super":
            return Value("super", str(expr[1]))
        if tag == "many":
            return self._multi("", expr[1], depth)
        if tag == "item":
            return self.item(self.eval(expr[1], depth + 1))
        if tag == "local":
            if str(expr[1]) in self.p.containers:
                inner = expr[2] if expr[2] and expr[2][0] == "many" else ["many", []]
                return self._multi(str(expr[1]), inner[1], depth)
            return self.eval(expr[2], depth + 1)
        if tag == "param":
            value = self.decorated(str(expr[1])) if expr[3] == 0 else UNKNOWN
            return value if value.kind != "unknown" else self.passed_client(expr, depth + 1)
        if tag == "type":
            return self.instance_of(self.name(str(expr[1]), depth + 1)) if expr[1] else UNKNOWN
        if tag == "pipe":
            # ``prompt | llm | parser`` runs the model: typed as the model (which keeps the
            # provider it calls), else as a Runnable when any side is a LangChain object.
            sides = [self.eval(side, depth + 1) for side in (expr[1], expr[2])]
            lang = [v for v in sides if v.kind == "client" and _provider_id(v.name) == "langchain"]
            model = next((v for v in lang if v.name != RUNNABLE and providers.match_client_call(v.name, ("invoke",))), None)
            if model is not None:
                return Value("client", model.name)
            return Value("client", RUNNABLE) if lang else UNKNOWN
        return UNKNOWN

    # ---- containers, registries, dispatch ------------------------------------------------
    def _multi(self, key: str, literal: List[Expr], depth: int) -> Value:
        """A container: its literal members plus whatever code adds under ``key``."""
        exprs = list(literal) + (self.p.containers.get(key, []) if key else [])
        guard = f"multi:{key}" if key else ""
        if guard and guard in self._active:
            return Value("multi", key)
        if guard:
            self._active.add(guard)
        try:
            members = []
            for expr in exprs[:MAX_MEMBERS]:
                value = self.eval(expr, depth + 1)
                if value.kind == "multi":
                    members.extend(value.members)
                elif value.kind != "unknown":
                    members.append(value)
        finally:
            self._active.discard(guard)
        return Value("multi", key, (), tuple(dict.fromkeys(members)))

    def item(self, value: Value) -> Value:
        if value.kind == "multi":
            return Value("multi", value.name, (), value.members)
        if value.kind == "obj":
            return value  # ``for p in plugins`` with ``plugins: list[Base]``: the annotation named Base
        return UNKNOWN

    def passed_client(self, param: Expr, depth: int) -> Value:
        """The SDK client callers pass for an unannotated parameter: ``def summarise(llm, text):
        llm.invoke(text)`` called as ``summarise(ChatOpenAI(), t)`` or through
        ``executor.submit(summarise, chain, t)``. Other values stay unknown (precision first)."""
        key = "param:" + "|".join(str(part) for part in param[1:])
        if key in self._params:
            return self._params[key]
        if key in self._active or self.binding:
            return UNKNOWN
        self._active.add(key)
        try:
            found = UNKNOWN
            for _, expr in self.p.arguments_for(param):
                value = self.eval(expr, depth + 1)
                if value.kind == "client":
                    found = value
                    break
        finally:
            self._active.discard(key)
        self._params[key] = found
        return found

    def decorated(self, fn: str) -> Value:
        """The first parameter of a decorator (or of the function a decorator factory returns)
        is every function or class that decorator is applied to."""
        owners = {fn}
        parts = fn.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:cut])
            if prefix in self.p.functions:
                owners.add(prefix)
        found = [self.name(q) for owner in sorted(owners) for q in self._decorated_by().get(owner, [])]
        return Value("multi", "", (), tuple(dict.fromkeys(found))) if found else UNKNOWN

    def _decorated_by(self) -> Dict[str, List[str]]:
        if not hasattr(self, "_decorated"):
            self._decorated: Dict[str, List[str]] = {}
            items = [(q, fn.decorators) for q, (fn, _) in self.p.functions.items()]
            items += [(q, getattr(c, "decorators", [])) for q, c in self.p.classes.items()]
            for qual, decorators in items:
                for name in decorators:
                    value = self.name(name)
                    if value.kind == "func":
                        self._decorated.setdefault(value.name, []).append(qual)
        return self._decorated

    def overrides(self, cls: str, method: str) -> List[str]:
        """``method`` as defined in every project subclass of ``cls``: a call through the base
        type may reach any of them (docs/dynamic-dispatch.md)."""
        found = []
        for sub in self._subclasses(cls):
            qual = f"{sub}.{method}"
            if qual in self.p.functions:
                found.append(qual)
        return found

    def _subclasses(self, cls: str) -> List[str]:
        if not hasattr(self, "_children"):
            self._children: Dict[str, List[str]] = {}
            for qual, facts in self.p.classes.items():
                for base in getattr(facts, "bases", []):
                    value = self.eval(base)
                    if value.kind == "class" and value.name != qual:
                        self._children.setdefault(value.name, []).append(qual)
        out, queue = [], list(self._children.get(cls, []))
        while queue and len(out) < MAX_MEMBERS:
            sub = queue.pop(0)
            if sub not in out:
                out.append(sub)
                queue.extend(self._children.get(sub, []))
        return out

    def instance_of(self, value: Value) -> Value:
        if value.kind == "class":
            return self._class_instance(value.name)
        if value.kind == "external" and providers.is_client(value.name):
            return Value("client", value.name)
        if value.kind == "client":
            return value
        return UNKNOWN

    def name(self, qualified: str, depth: int = 0) -> Value:
        if qualified in self._names:
            return self._names[qualified]
        if qualified in self._active or depth > MAX_DEPTH:
            return UNKNOWN
        self._active.add(qualified)
        try:
            value = self._name(qualified, depth)
        finally:
            self._active.discard(qualified)
        self._names[qualified] = value
        return value

    def _name(self, qualified: str, depth: int) -> Value:
        p = self.p
        if qualified in p.functions:
            return Value("func", qualified)
        if qualified in p.classes:
            return Value("class", qualified)
        if qualified in p.containers:
            first = p.globals.get(qualified, [[]])[0]
            return self._multi(qualified, first[1] if first and first[0] == "many" else [], depth)
        if qualified in p.globals:
            return self._first(p.globals[qualified], depth)
        if qualified in p.modules:
            return Value("module", qualified)
        if qualified in p.module_aliases:
            return self.name(p.module_aliases[qualified], depth + 1)
        parts = qualified.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:cut])
            alias = p.module_aliases.get(prefix)
            if alias is not None:
                return self.name(".".join([alias, *parts[cut:]]), depth + 1)
            module = p.modules.get(prefix)
            if module is not None and parts[cut] in module.imports:
                redirected = ".".join([module.imports[parts[cut]], *parts[cut + 1:]])
                if redirected != qualified:
                    return self.name(redirected, depth + 1)
            if prefix in p.functions or prefix in p.classes or prefix in p.globals:
                value = self.name(prefix, depth + 1)
                for part in parts[cut:]:
                    value = self.getattr(value, part, depth + 1)
                return value
            if module is not None:  # a project module without that name, unless it star-imports it
                rest = ".".join(parts[cut:])
                for key, star in module.imports.items():
                    found = self.name(f"{star}.{rest}", depth + 1) if key.startswith("*") else UNKNOWN
                    if found.kind != "unknown":
                        return found
                return UNKNOWN
        return Value("external", qualified)

    def _first(self, exprs: List[Expr], depth: int) -> Value:
        for expr in exprs:
            value = self.eval(expr, depth + 1)
            if value.kind != "unknown":
                return value
        return UNKNOWN

    def getattr(self, value: Value, name: str, depth: int = 0) -> Value:
        kind = value.kind
        if kind == "multi":
            if name in LOOKUP_METHODS:
                return Value("multi", value.name, (name,), value.members)
            each = self._each(value, lambda m: self.getattr(m, name, depth + 1))
            if each.kind == "unknown" and name in RUN_METHODS:  # a builder run: its members run
                return Value("multi", value.name, (name,), value.members)
            return each
        if kind == "super":
            for klass in self._mro(value.name)[1:]:
                qual = f"{klass}.{name}"
                if qual in self.p.functions:
                    return Value("func", qual)
            return UNKNOWN
        if kind == "client":
            return value.attr(name)
        if kind == "external":
            return Value("external", f"{value.name}.{name}")
        if kind == "module":
            return self.name(f"{value.name}.{name}", depth + 1)
        if kind in ("obj", "class"):
            method = self.method(value.name, name)
            if method:
                return Value("func", method, (value.name,) if kind == "obj" else ())
            key = next((f"{k}.{name}" for k in self._mro(value.name) if f"{k}.{name}" in self.p.containers), None)
            if key is not None:
                attrs = getattr(self.p.classes.get(key.rsplit(".", 1)[0]), "attrs", {}).get(name, [])
                literal = attrs[0][1] if attrs and attrs[0] and attrs[0][0] == "many" else []
                return self._multi(key, literal, depth)
            attr = self._class_attr(value.name, name, depth)
            if attr is not None:
                return attr
            base = self._client_base(value.name)
            if base:
                return Value("client", base, (name,))
        return UNKNOWN

    def _each(self, value: Value, step) -> Value:
        members = [v for v in (step(m) for m in value.members) if v.kind != "unknown"]
        return Value("multi", "", (), tuple(dict.fromkeys(members))) if members else UNKNOWN

    def call(self, value: Value, literal: Optional[str], depth: int = 0) -> Value:
        kind = value.kind
        if kind == "multi":
            if value.path and value.path[0] in LOOKUP_METHODS:
                return Value("multi", value.name, (), value.members)
            if value.path:
                return UNKNOWN  # ``graph.invoke()``: the edge is to the members, the result unknown
            return self._each(value, lambda m: self.call(m, literal, depth + 1))
        if kind == "external":
            if literal and providers.is_client(f"{value.name}#{literal}"):
                return Value("client", f"{value.name}#{literal}")
            if providers.is_client(value.name):
                return Value("client", value.name)
            match = providers.match_function(value.name)
            if match and match.op.kind == providers.FACTORY and match.op.returns:
                return Value("client", match.op.returns)
            return UNKNOWN
        if kind == "client":
            norm = normalise_path(value.path)
            if norm and norm[-1] in SAME_CLIENT_CALLS:
                return Value("client", value.name, value.path[:-1])
            returned = providers.factory_result(value.name, value.path)
            if returned:
                return Value("client", returned)
            if literal:
                sub = ".".join([value.name, *norm]) + f"#{literal}"
                if providers.is_client(sub):
                    return Value("client", sub)
            return UNKNOWN
        if kind == "class":
            return self._class_instance(value.name)
        if kind == "func":
            fn = self.p.functions.get(value.name)
            if fn is not None:
                return self._first(fn[0].returns, depth)
        return UNKNOWN

    # ---- classes -----------------------------------------------------------------------
    def _mro(self, cls: str, seen: Optional[Set[str]] = None) -> List[str]:
        seen = seen if seen is not None else set()
        if cls in seen:
            return []
        seen.add(cls)
        order = [cls]
        facts = self.p.classes.get(cls)
        for base in getattr(facts, "bases", []):
            value = self.eval(base)
            if value.kind == "class":
                order.extend(self._mro(value.name, seen))
        return order

    def method(self, cls: str, name: str) -> Optional[str]:
        for klass in self._mro(cls):
            qual = f"{klass}.{name}"
            if qual in self.p.functions:
                return qual
        return None

    def _class_attr(self, cls: str, name: str, depth: int) -> Optional[Value]:
        for klass in self._mro(cls):
            facts = self.p.classes.get(klass)
            exprs = getattr(facts, "attrs", {}).get(name)
            if exprs:
                value = self._first(exprs, depth)
                if value.kind == "class":
                    return self.instance_of(value) if _is_type_expr(exprs) else value
                return value
        return None

    def _client_base(self, cls: str) -> Optional[str]:
        """A project class that subclasses an SDK client is that client."""
        for klass in self._mro(cls):
            for base in getattr(self.p.classes.get(klass), "bases", []):
                value = self.eval(base)
                if value.kind == "external" and providers.is_client(value.name):
                    return value.name
        return None

    def _class_instance(self, cls: str) -> Value:
        base = self._client_base(cls)
        return Value("client", base) if base else Value("obj", cls)


RUNNABLE = "langchain_core.runnables.Runnable"


def _provider_id(client: str) -> Optional[str]:
    match = providers.match_client_call(client, ())
    if match is not None:
        return match.provider.id
    for provider in providers.all_providers():
        if client in provider.clients or client in provider.client_operations:
            return provider.id
    return None


def _calls_with_arguments(calls: List[CallRef]) -> Iterable[Tuple[CallRef, List[CallRef]]]:
    """Each direct call with the arguments recorded at its position."""
    arguments: Dict[Tuple[int, int], List[CallRef]] = {}
    for ref in calls:
        if ref.kind in ("ref", "arg") and ref.arg is not None:
            arguments.setdefault((ref.line, ref.col), []).append(ref)
    for ref in calls:
        if ref.kind == "call" and (ref.line, ref.col) in arguments:
            yield ref, arguments[(ref.line, ref.col)]


def _method_of(expr: Expr) -> str:
    if expr and expr[0] == "attr":
        return str(expr[2])
    if expr and expr[0] == "name":
        return str(expr[1]).rsplit(".", 1)[-1]
    return ""


def _is_type_expr(exprs: List[Expr]) -> bool:
    return bool(exprs) and exprs[0][0] == "type"


def _unknown_root_path(expr: Expr) -> Tuple[str, ...]:
    """For ``x.a.b.c`` with an unknown ``x``: ("a", "b", "c")."""
    path: List[str] = []
    node = expr
    while node and node[0] == "attr":
        path.append(str(node[2]))
        node = node[1]
    if node and node[0] in ("unknown", "param", "item") and path:
        return tuple(reversed(path))
    return ()


# An SDK or standard-library name is that package even beside a file of the same name
# (``providers/openai.py`` importing ``openai``): never a sibling-script alias.
_NEVER_SIBLINGS = frozenset(providers.import_roots()) | frozenset(getattr(sys, "stdlib_module_names", ()))


def _path_module_aliases(files: List[FileFacts]) -> Dict[str, str]:
    """``src.agents`` -> ``agents`` for ``src/agents.py`` in a folder without ``__init__.py``:
    code run from the scan root imports it by its path (a namespace package)."""
    aliases: Dict[str, str] = {}
    modules = {f.module for f in files}
    for facts in files:
        stem = facts.path[: -len(".py")] if facts.path.endswith(".py") else ""
        if not stem or stem.endswith("/__init__"):
            continue
        dotted = stem.replace("/", ".")
        if facts.module.endswith("." + dotted) and dotted not in modules:
            aliases.setdefault(dotted, facts.module)  # the scan root holds an __init__.py: code imports below it
        if dotted != facts.module and dotted.endswith("." + facts.module):
            parts = dotted.split(".")  # ``app.modules.llm.client`` from a folder above the package root too
            for cut in range(len(parts) - len(facts.module.split("."))):
                alias = ".".join(parts[cut:])
                if alias not in modules:
                    aliases.setdefault(alias, facts.module)
    # A script imports a sibling by its bare name (``from prompt_generator import f`` in the same
    # folder, which is on sys.path when the script runs): the stem names that file.
    folders = {(posixpath.dirname(f.path), posixpath.basename(f.path)[:-3]): f.module
               for f in files if f.path.endswith(".py")}
    for facts in files:
        folder = posixpath.dirname(facts.path)
        for value in facts.imports.values():
            stem = value.split(".", 1)[0]
            sibling = folders.get((folder, stem))
            if sibling is not None and stem not in modules and sibling != stem and stem not in _NEVER_SIBLINGS:
                aliases.setdefault(stem, sibling)
    return aliases


def _wrapper_match(provider_id: str, operation: str) -> Optional[Match]:
    provider = providers.provider_by_id(provider_id)
    if provider is None:
        return None
    op = provider.operations.get(operation) or next(
        (ops[operation] for ops in provider.client_operations.values() if operation in ops), None
    )
    if op is None:
        op = provider.module_functions.get(operation)
    if op is None:
        from llm_latency_lint.catalog.providers.spec import SYNC, Operation

        op = Operation(SYNC)
    return Match(provider, operation, op)
