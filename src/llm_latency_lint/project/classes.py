"""The class hierarchy as the solved values see it: MROs, methods, SDK client bases, subclasses.

Bases are expressions too (``class A(pkg.Base)``, ``Base = make_base()``): they are evaluated, so
results computed while the solve is under way are kept only when every base was a plain class
name; once the solve has settled every result is final and kept.
"""
from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Callable, Dict, Iterable, List, Optional, Protocol, Set, Tuple

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.orm import MODEL_BASES
from llm_latency_lint.catalog.providers.callables import FRAMEWORK_HOOKS
from llm_latency_lint.catalog.queues import TEMPLATE_METHODS
from llm_latency_lint.catalog.triggers.view_bases import (
    VIEW_METHODS,
    VIEW_NAME_SUFFIXES,
    is_view_base,
)
from llm_latency_lint.files.testpaths import is_test_path
from llm_latency_lint.model import Expr
from llm_latency_lint.project.solver import NodeKey
from llm_latency_lint.project.symbols import Symbols
from llm_latency_lint.project.values import (
    EMPTY,
    PASSED_KINDS,
    Atom,
    Kind,
    Values,
    client,
    ordered,
)


class Evaluator(Protocol):
    """What the hierarchy asks of ``evaluate.Evaluator``."""

    settled: bool

    def eval(self, expr: Expr) -> Values: ...

    def read(self, key: NodeKey) -> Values: ...

    def note(self, name: str) -> None: ...

    def note_all(self, names: Iterable[str]) -> None: ...

    def note_under(self, prefix: str) -> None: ...

    def note_methods(self, names: Iterable[str]) -> None: ...


class Hierarchy:
    def __init__(self, symbols: Symbols, evaluator: Evaluator) -> None:
        self.s = symbols
        self.ev = evaluator
        self._mro: Dict[str, List[str]] = {}
        self._client_base: Dict[str, Optional[str]] = {}
        self._subclasses: Dict[str, List[str]] = {}
        self._implementers: Dict[str, List[str]] = {}
        self._protocols: Dict[str, List[str]] = {}  # protocol -> the methods implementers were searched by

    def mro(self, cls: str) -> List[str]:
        """The classes ``cls`` inherits from, itself first; a rule asking notes them (``consulted``:
        also on a memo hit, which looks nothing up)."""
        cached = self._mro.get(cls)
        if cached is not None:
            self.ev.note_all(cached)
            return cached
        order: List[str] = []
        static = self._walk_mro(cls, set(), order)
        if static or self.ev.settled:
            self._mro[cls] = order
        self.ev.note_all(order)
        return order

    def _walk_mro(self, cls: str, seen: Set[str], order: List[str]) -> bool:
        if cls in seen:
            return True
        seen.add(cls)
        order.append(cls)
        static = True
        for base in self.s.classes[cls].bases if cls in self.s.classes else ():
            if base and base[0] == "name" and base[1] in self.s.classes:
                static = self._walk_mro(str(base[1]), seen, order) and static
                continue
            static = False
            for atom in ordered(self.ev.eval(base)):
                if atom.kind is Kind.CLASS:
                    self._walk_mro(atom.name, seen, order)
        return static

    def is_view(self, cls: str) -> bool:
        """Is a candidate view (``Trigger.view``) a view: does its MRO reach a catalogued view base?
        When a base outside the project leaves that open, its name or its methods decide."""
        reached = self._reaches(cls, is_view_base)
        if reached is not None:
            return reached
        return cls.rsplit(".", 1)[-1].endswith(VIEW_NAME_SUFFIXES) or any(self.method(cls, m) for m in VIEW_METHODS)

    def is_model(self, cls: str) -> bool:
        """Does ``cls``'s MRO reach a Django model base (``catalog/orm.MODEL_BASES``)?"""
        return bool(self._reaches(cls, MODEL_BASES.__contains__))

    def _reaches(self, cls: str, known: Callable[[str], bool]) -> Optional[bool]:
        """True when a class of ``cls``'s MRO names a base ``known`` accepts; False when every base
        is the project's; None when a base that is neither leaves it open."""
        open_ = False
        for name in self.mro(cls):
            for base in self.s.classes[name].bases if name in self.s.classes else ():
                values = ordered(self.ev.eval(base))
                named = [str(base[1])] if base and base[0] == "name" else []
                if any(known(n) for n in named + [a.name for a in values if a.kind is Kind.EXTERNAL]):
                    return True
                project_class = (named and named[0] in self.s.classes) or any(a.kind is Kind.CLASS for a in values)
                open_ = open_ or not project_class
        return None if open_ else False

    def method(self, cls: str, name: str) -> Optional[str]:
        self.ev.note_all(f"{k}.{name}" for k in self.mro(cls))
        return next((f"{k}.{name}" for k in self.mro(cls) if f"{k}.{name}" in self.s.functions), None)

    def fields(self, cls: str) -> List[str]:
        """The annotated class-body names of a class the project gives no ``__init__`` (a
        dataclass, a pydantic model, attrs, a NamedTuple): its constructor's parameters, in order.
        A subclass's fields follow its bases' (base first, as ``dataclasses`` orders them); a field
        it declares again keeps the base's place."""
        self.ev.note(cls)
        if cls not in self.s.classes or self.method(cls, "__init__"):
            return []
        order: List[str] = []
        for klass in reversed(self.mro(cls)):
            declared = self.s.classes.get(klass)
            for k, exprs in declared.attrs.items() if declared else ():
                if k not in order and any(e and e[0] == "type" for e in exprs):
                    order.append(k)
        return order

    def constructed(self, cls: str, name: str) -> Values:
        """What ``Job(llm=Wrapper())`` or ``Job("daily", client)`` passes for field ``name``."""
        fields = self.fields(cls)
        if name not in fields:
            return EMPTY
        init = f"{cls}.__init__"
        passed = self.ev.read(("arg", init, name)) | self.ev.read(("arg", init, str(fields.index(name))))
        return {a for a in passed if a.kind in PASSED_KINDS}

    def hooks(self, cls: str) -> List[str]:
        """The methods of ``cls`` a framework base calls back (``BaseRetriever._retrieve``)."""
        names: Set[str] = set()
        for klass in self.mro(cls):
            for base in self.s.classes[klass].bases if klass in self.s.classes else ():
                names.update(n for a in self.ev.eval(base) if a.kind is Kind.EXTERNAL for n in FRAMEWORK_HOOKS.get(a.name, ()))
        return sorted(filter(None, (self.method(cls, name) for name in names)))

    def template(self, cls: str, name: str) -> Tuple[List[str], bool]:
        """``x.start()`` on a project ``Thread`` subclass: the overrides the library method runs
        (``run``), and whether it runs them elsewhere (a hand-off); nothing when the project
        defines ``name`` itself (``catalog.queues.TEMPLATE_METHODS``)."""
        if self.method(cls, name):
            return [], False
        for klass in self.mro(cls):
            for base in self.s.classes[klass].bases if klass in self.s.classes else ():
                for atom in ordered(self.ev.eval(base)):
                    found = TEMPLATE_METHODS.get(atom.name, {}).get(name) if atom.kind is Kind.EXTERNAL else None
                    if found is not None:
                        runs = [q for run in found.runs for q in (
                            self.methods_like(cls, run) if "*" in run else filter(None, [self.method(cls, run)]))]
                        return runs, found.handoff
        return [], False

    def client_base(self, cls: str) -> Optional[str]:
        """A project class that subclasses an SDK client is that client, unless it implements the
        client base's callback protocol (``class Local(BaseChatModel)`` defining ``_generate``): a
        custom model is the project's object, whose calls the framework routes to its callbacks."""
        if cls in self._client_base:
            self.mro(cls)  # what it consulted, noted
            return self._client_base[cls]
        found = None
        for klass in self.mro(cls):
            for base in self.s.classes[klass].bases if klass in self.s.classes else ():
                hit = next((providers.canonical(a.name) for a in ordered(self.ev.eval(base))
                            if a.kind is Kind.EXTERNAL and providers.is_client(a.name)
                            and not any(self.method(cls, m) for m in FRAMEWORK_HOOKS.get(a.name, ()))), None)
                if hit:
                    found = found or hit
        if self.ev.settled:
            self._client_base[cls] = found
        return found

    def class_instance(self, cls: str) -> Atom:
        base = self.client_base(cls)
        return client(base) if base else Atom(Kind.OBJ, cls)

    def refines(self, found: Values, declared: Values) -> bool:
        """Does ``found`` (a function's returns, what callers pass for a parameter) hold something
        more precise than ``declared`` (its annotation, whose calls widen to every subclass)? An
        object, client, class or function does, unless it is the annotated class or one of its bases
        (``return self.port`` typed ``AiPort`` too, an abstract base built) or a client's attribute
        (``hook.get_conn``); a container does through a member (``plugins: List[Plugin]`` given a
        list filled at run time keeps the annotation's element)."""
        bases = {k for a in declared if a.kind is Kind.OBJ for k in self.mro(a.name)}

        def precise(a: Atom) -> bool:
            return a.kind in PASSED_KINDS and a.kind is not Kind.MULTI and a not in declared and not (
                a.kind is Kind.OBJ and a.name in bases) and not (a.kind is Kind.CLIENT and a.path)
        return any(precise(a) or a.kind is Kind.MULTI and not a.path and any(map(precise, self.ev.read(("members", a.name))))
                   for a in found)

    def subclasses(self, cls: str) -> List[str]:
        """Every project subclass of ``cls``, transitively (no cap)."""
        cached = self._subclasses.get(cls)
        if cached is not None:
            return cached
        out: List[str] = []
        seen = {cls}
        queue = [cls]
        while queue:
            for atom in ordered(self.ev.read(("children", queue.pop(0)))):
                if atom.name not in seen:
                    seen.add(atom.name)
                    out.append(atom.name)
                    queue.append(atom.name)
        if self.ev.settled:
            self._subclasses[cls] = out
        return out

    def overrides(self, cls: str, method: str) -> List[str]:
        """``method`` as defined in every project subclass of ``cls``: a call through the base
        type may reach any of them (docs/dynamic-dispatch.md)."""
        subclasses = self.subclasses(cls)
        self.ev.note_all(f"{sub}.{method}" for sub in subclasses)
        found = [f"{sub}.{method}" for sub in subclasses if f"{sub}.{method}" in self.s.functions]
        for klass in self.implementers(cls):
            qual = self.method(klass, method)
            if qual and qual not in found:
                found.append(qual)
        return found

    def implementers(self, cls: str) -> List[str]:
        """For a ``typing.Protocol``: the project classes (outside tests) that define every method
        it declares, whatever their bases (structural typing); for any other class, none."""
        self.ev.note(cls)
        cached = self._implementers.get(cls)
        if cached is not None:
            self.ev.note_methods(self._protocols.get(cls, ()))
            return cached
        bases = self.s.classes[cls].bases if cls in self.s.classes else []
        names = [fn.name for fn in self.s.class_files[cls].functions.values()
                 if fn.cls == cls and not fn.name.startswith("__")] if any(map(_is_protocol, bases)) else []
        if names:  # every class of the project searched for these methods
            self._protocols[cls] = names
            self.ev.note_methods(names)
        found = [k for k, facts in self.s.class_files.items()
                 if names and k != cls and not is_test_path(facts.path) and all(self.method(k, n) for n in names)]
        self._implementers[cls] = found
        return found

    def methods_like(self, cls: str, pattern: str) -> List[str]:
        """Methods along ``cls``'s MRO whose names match ``pattern`` (``handle_*``: what
        ``getattr(self, f"handle_{kind}")`` may look up), first definition of each name; a bare ``*``
        (``getattr(x, name)`` on what may be a computed import's module, ``modules._members``) names none."""
        found: Dict[str, str] = {}
        if not pattern.strip("*"):
            return []
        for klass in self.mro(cls):
            self.ev.note_under(klass)  # every method of the class listed
            facts = self.s.class_files.get(klass)
            for fn in facts.functions.values() if facts is not None else ():
                if fn.cls == klass and fn.qualname == f"{klass}.{fn.name}" and fn.name not in found \
                        and fnmatchcase(fn.name, pattern):
                    found[fn.name] = fn.qualname
        return list(found.values())


def _is_protocol(base: Expr) -> bool:
    """``Protocol`` or ``Protocol[T]`` from ``typing`` or ``typing_extensions``."""
    node = base[1] if base and base[0] == "item" else base
    return bool(node) and node[0] == "name" and node[1] in ("typing.Protocol", "typing_extensions.Protocol")
