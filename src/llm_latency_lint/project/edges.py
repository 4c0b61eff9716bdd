"""What the solved values say: which calls are SDK calls, and caller -> callee edges."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.dispatch import NAME_LOADERS, TOOL_ARGUMENTS
from llm_latency_lint.catalog.providers.callables import HOOK_BASE_NAMES
from llm_latency_lint.catalog.providers.http import parse_deferred
from llm_latency_lint.catalog.providers.spec import (
    FORWARDED_KWARGS,
    SYNC,
    Match,
    Operation,
)
from llm_latency_lint.files.testpaths import is_migration_path, is_test_path
from llm_latency_lint.model import CallRef, CallSite, Expr, FileFacts, FunctionFacts
from llm_latency_lint.project import member_runs as runs
from llm_latency_lint.project.bindings import Bindings
from llm_latency_lint.project.consulted import Consulted
from llm_latency_lint.project.deferred_urls import deferred_match
from llm_latency_lint.project.evaluate import Evaluator
from llm_latency_lint.project.forwarded import (
    forwarded_model_keyword,
    handed_to_project,
)
from llm_latency_lint.project.li_settings import LiSettings
from llm_latency_lint.project.mimics import spelled_by
from llm_latency_lint.project.owners import EdgeRow, KeptEdges, OwnerEdges, Recorded
from llm_latency_lint.project.services import match_pending
from llm_latency_lint.project.signatures import cannot_bind
from llm_latency_lint.project.untyped import unknown_root_path, untyped_receiver_path
from llm_latency_lint.project.values import Atom, Kind, Values, ordered


def _names_a_task(ref: CallRef) -> bool:
    """A keyword argument naming a function by its dotted path (``facts/calls.py``)."""
    return ref.kind == "queue" and ref.arg is not None and bool(ref.expr) and ref.expr[0] == "str"


def _fields(expr: object, found: Set[str]) -> Set[str]:
    """Attribute and key names an expression reads (``row.def_name``, ``row["def_name"]``,
    ``getattr(row, "def_name")``): the fields a loading function may take a dotted name from."""
    if isinstance(expr, list) and expr:
        if expr[0] in ("attr", "item") and len(expr) > 2 and isinstance(expr[2], str):
            found.add(expr[2])
        elif expr[0] == "str" and len(expr) > 1 and isinstance(expr[1], str) and expr[1].isidentifier():
            found.add(expr[1])
        for part in expr[1:]:
            _fields(part, found)
    return found


@dataclass
class Edge:
    src: str
    dst: str
    kind: str  # "call" | "ref" | "queue"
    path: str
    line: int
    waited: bool = False
    note: str = ""
    by_name: bool = False  # linked by the name-based fallback (``byname``), not by a typed receiver
    handoff: bool = False  # work started and not waited for (``create_task``, a thread), not a task queue
    containers: Tuple[str, ...] = ()  # a member run's or a registration's containers (``member_runs``)
    answers: bool = False  # a hand-off passing the conversation on (``CallRef.answers``)


@dataclass
class ResolvedSite:
    site: CallSite
    facts: FileFacts
    match: Match


class Sites:
    """Call sites matched against the provider catalog through their callees' values."""

    def __init__(self, evaluator: Evaluator, wrappers: Dict[str, Tuple[str, str]], bindings: Bindings) -> None:
        self.ev, self.bindings = evaluator, bindings  # bindings: what callers pass a deferred URL's parameter
        self.wrappers = wrappers  # qualname -> (provider, operation)
        self._roots: Optional[FrozenSet[str]] = None
        self._li = LiSettings(evaluator)  # the ``Settings`` models of a LlamaIndex site's program

    def resolved(self) -> List[ResolvedSite]:
        found: List[ResolvedSite] = []
        for facts in self.ev.s.files:
            if is_test_path(facts.path) or is_migration_path(facts.path):
                continue  # tests exercise calls against mocks; a migration runs once, at ``migrate``
            roots = frozenset(q.split(".")[0] for q in facts.imports.values()) - self.ev.s.own_roots
            for site in facts.call_sites:
                if site.function in self.wrappers or not handed_to_project(self.ev, site):
                    continue  # reported at the wrapper's callers; handed to a library's call, not run
                match = self.match(site, roots, facts)
                if match is not None:
                    found.append(ResolvedSite(site, facts, match))
        return found

    def match(self, site: CallSite, roots: FrozenSet[str], facts: Optional[FileFacts] = None) -> Optional[Match]:
        """The first catalog operation any value of the callee matches, in a stable order."""
        deferred = parse_deferred(str(site.callee[1])) if site.callee and site.callee[0] == "name" else None
        if deferred is not None:
            return deferred_match(self.bindings, *deferred)
        values = self.ev.solver.query(lambda: self.ev.eval(site.callee), site.function)
        candidates = [self._match_atom(atom) for atom in ordered(values)]
        if not values:
            candidates = [self._by_shape(site, roots, facts.module if facts else "")]
        elif not any(candidates):
            candidates = self._off_catalog(site, values, roots)
        for match in candidates:
            if match is None or match.op.kind == providers.FACTORY:
                continue
            required = match.op.requires_kwarg
            if required and site.purpose not in required[1]:
                continue
            if match.op.requires_input and not set(match.op.requires_input).intersection(site.inputs):
                continue  # precomputed vectors only: nothing to embed
            if set(match.op.precomputed).intersection(site.inputs):
                continue  # the vectors come with the input: stored as given
            if match.op.batch_file_only and not site.batch_file:
                continue  # an assistants or user file, not a batch's
            return self._li.model(match, site, facts)
        return None

    def _by_shape(self, site: CallSite, roots: FrozenSet[str], module: str) -> Optional[Match]:
        """A receiver of no known type (an unannotated parameter no caller gives a client, a
        ``self.`` attribute set from one): the operation its path names in an SDK the file
        imports, else in the project (``providers.match_shape``); a model request only when the
        call names its model with that provider's keyword (``providers.names_its_model``), for a
        parameter and a ``self.`` attribute alike: Twilio's ``sms.messages.create(to=..., body=...)``
        in a file importing ``anthropic`` is no site."""
        path = unknown_root_path(site.callee) or self._untyped_path(site)
        if not path or spelled_by(self.ev, path, site, module) is not None:
            return None  # the project's own wrapper spells the SDK's path (``project/mimics.py``)
        return self._shape_match(site, path, roots)

    def _off_catalog(self, site: CallSite, values: Values, roots: FrozenSet[str]) -> List[Optional[Match]]:
        """A receiver typed only as SDK objects the catalog has no such operation for: a
        ``langchain_openai.ChatOpenAI`` (a field annotated ``Union[ChatOpenAI, OpenAI]`` with
        LangChain's ``OpenAI``) called as ``self.llm.chat.completions.create(model=..., ...)``. The
        type says nothing of this path, so the path after the object is matched by shape as on an
        untyped receiver; only a model request counts (the call names its model), and only where every
        value is such an object (a project object's attribute is the project's to resolve)."""
        if not all(atom.kind is Kind.CLIENT for atom in values):
            return []
        found: List[Optional[Match]] = []
        for atom in ordered(values):
            match = self._shape_match(site, atom.path, roots)
            if match is not None and providers.is_model_request(match):
                found.append(providers.off_catalog(match, atom.name))
        return found

    def _shape_match(self, site: CallSite, path: Tuple[str, ...], roots: FrozenSet[str]) -> Optional[Match]:
        """``path``'s operation by the call's shape (``_by_shape``), when the call names its model."""
        keyword = site.model_keyword
        if keyword == FORWARDED_KWARGS:  # ``create(**kwargs)``: the model is the callers' ``model=``
            keyword = forwarded_model_keyword(site.function, self.ev)
        found = providers.match_unresolved(path, roots)
        if found is None and keyword:
            found = providers.match_shape(path, self._project_roots())
        if found is None or not providers.names_its_model(found, keyword):
            return None
        return providers.unpacked_model(found, keyword)

    def _untyped_path(self, site: CallSite) -> Tuple[str, ...]:
        """The path after the receiver that holds nothing (``project/untyped.py``)."""
        return untyped_receiver_path(site.callee, lambda e: self.ev.solver.query(lambda: self.ev.eval(e), site.function),
                                     self._assigned)

    def _assigned(self, expr: Expr) -> List[Expr]:
        """What the code assigns to a receiver step: a global's expressions, a ``self.`` attribute's
        along the MRO; a call is its own."""
        s = self.ev.s
        if expr[0] == "name":
            return list(s.globals.get(str(expr[1]), ()))
        if expr[0] == "attr" and expr[1] and expr[1][0] == "self":
            return [e for klass in self.ev.classes.mro(str(expr[1][1])) if klass in s.classes
                    for e in s.classes[klass].attrs.get(str(expr[2]), ())]
        return [expr] if expr[0] == "call" else []

    def _project_roots(self) -> FrozenSet[str]:
        """The top-level packages the project's code (tests aside) imports, catalogued or not, less
        those it defines itself (``match_shape`` intersects them with each provider's roots)."""
        if self._roots is None:
            self._roots = frozenset(q.split(".")[0] for f in self.ev.s.files if not is_test_path(f.path)
                                    for q in f.imports.values()) - self.ev.s.own_roots
        return self._roots

    def _match_atom(self, atom: Atom) -> Optional[Match]:
        if atom.kind is Kind.CLIENT:
            return providers.match_client_call(atom.name, atom.path) or match_pending(atom)
        if atom.kind is Kind.EXTERNAL and atom.name in self.wrappers:  # a third-party LLM helper
            return wrapper_match(*self.wrappers[atom.name])
        if atom.kind is Kind.EXTERNAL:
            return providers.match_function(atom.name)
        if atom.kind is Kind.FUNC and atom.name in self.wrappers:
            provider_id, operation = self.wrappers[atom.name]
            return wrapper_match(provider_id, operation)
        return None


class EdgeBuilder:
    def __init__(self, evaluator: Evaluator, bindings: Optional[Bindings] = None) -> None:
        self.ev, self.bindings = evaluator, bindings  # bindings: the job names callers pass a queue helper
        # method calls (and methods passed as callables) whose callee has no known value: the
        # name-based fallback's candidates (``byname``)
        self.untyped: List[Tuple[FunctionFacts, FileFacts, CallRef]] = []
        self.notes = Consulted()  # the names the edge queries looked up (``owners``)
        self.recorded = Recorded()
        self.hooked_at: List[str] = []  # the last "ref" query's framework callbacks (``_targets``)
        # does any class subclass a framework base with hooks (``callables.FRAMEWORK_HOOKS``)?
        self.hooked = any(base and base[0] == "name" and str(base[1]).rsplit(".", 1)[-1] in HOOK_BASE_NAMES
                          for klass in self.ev.s.classes.values() for base in klass.bases)

    def edges(self, kept: Optional[KeptEdges] = None) -> Dict[str, List[Edge]]:
        """Every caller's edges; with ``kept`` (a started graph's), a stored caller's own where
        what its queries read is unchanged (``owners``). Records each built caller's for the next edit."""
        out: Dict[str, List[Edge]] = {}
        self.untyped = []
        by_name = self._tasks_by_name()
        self.recorded = Recorded(by_name=by_name)
        if kept is not None and kept.by_name != by_name:
            kept = None
        values = self.ev.solver.values
        self.ev.query_notes = self.notes
        try:
            for facts in self.ev.s.files:
                for fn in facts.functions.values():
                    found = kept.get(facts.path, fn.qualname, values) if kept is not None else None
                    if found is None:
                        found = self._owner(fn, facts, by_name)
                        self.recorded.owners[(facts.path, fn.qualname)] = found
                    if found.edges:
                        out.setdefault(fn.qualname, []).extend(Edge(*row) for row in found.edges)
                    self.untyped.extend((fn, facts, fn.calls[i]) for i in found.untyped)
        finally:
            self.ev.query_notes = None
        return out

    def _owner(self, fn: FunctionFacts, facts: FileFacts, by_name: FrozenSet[Tuple[str, int]]) -> OwnerEdges:
        """One caller's edges, with what its queries read."""
        rows: List[EdgeRow] = []
        untyped_at: List[int] = []
        solver = self.ev.solver
        reads = solver.record_reads()
        try:
            for at, ref in enumerate(fn.calls):
                if _names_a_task(ref) and (facts.path, ref.line) not in by_name:
                    continue
                found, untyped = self._targets(ref, fn.qualname)
                templated = not found and ref.kind == "call" and bool(ref.expr) and ref.expr[0] == "attr"
                if templated:
                    found, handoff = self._template(ref, fn.qualname)
                    if handoff:  # ``SummaryThread(x).start()``: its ``run``, in another thread
                        rows.extend((fn.qualname, dst, "queue", facts.path, ref.line, ref.waited, f".{ref.expr[2]}()",
                                     False, True, (), False) for dst in found)
                        continue
                if untyped and not found:
                    untyped_at.append(at)
                if ref.shape and len(found) > 1:  # ``analyze(note, user)``: the candidates that take two arguments
                    found = [dst for dst in found if not self._type_error(ref, dst)] or found
                members, held = runs.member_runs(self.ev, ref, fn.qualname) if found and ref.kind == "call" else (set(), ())
                held = held or (runs.registered_into(self.ev, fn.calls, at, fn.qualname) if found else ())
                for dst in found:
                    if dst != fn.qualname or ref.kind == "queue":
                        tool = ref.kind in ("arg", "ref") and ref.arg in TOOL_ARGUMENTS  # held by a global: REGISTERED
                        hook = ref.kind == "arg" or ref.kind == "ref" and dst in self.hooked_at
                        if hook and not tool and runs.handed_to_builtin(fn.calls, at):
                            continue  # ``len(self.tools)``: a builtin calls nothing back
                        kind, note = ("ref", ref.note or str(ref.arg)) if tool else ("ref", runs.HOOK) if hook else (ref.kind, ref.note)
                        note = note or (runs.MEMBER_RUN if dst in members else runs.TEMPLATE_RUN if templated else "")
                        rows.append((fn.qualname, dst, kind, facts.path, ref.line, ref.waited, note, False,
                                     ref.kind == "queue" and ref.arg is not None, held, ref.kind == "queue" and ref.answers))
        finally:
            solver.reads = None
        values = solver.values
        return OwnerEdges(rows, untyped_at, [(node, len(values[node])) for node in reads])

    def _tasks_by_name(self) -> FrozenSet[Tuple[str, int]]:
        """Where a stored task named by its dotted path is a queue edge: only in a project whose
        code loads functions by a run-time name (``NAME_LOADERS``) from a field of the keyword's
        name (``def_name=`` read as ``row.def_name``), and not at a schedule's row
        (``PeriodicTask.objects.create(task=...)`` is a trigger of its own: beat runs the task)."""
        files = [f for f in self.ev.s.files if not is_test_path(f.path)]
        read: Set[str] = set()  # the fields functions that load by name read: the row's keyword must be one
        for fn in (fn for f in files for fn in f.functions.values()):
            if any(ref.expr and ref.expr[0] == "name" and ref.expr[1] in NAME_LOADERS for ref in fn.calls):
                for ref in fn.calls:
                    _fields(ref.expr, read)
        if not read:
            return frozenset()
        rows = {(f.path, t.line) for f in files for t in f.triggers if t.kind != "entry"}
        return frozenset((f.path, ref.line) for f in files for fn in f.functions.values() for ref in fn.calls
                         if _names_a_task(ref) and ref.arg in read and (f.path, ref.line) not in rows)

    @cached_property
    def _definitions(self) -> Dict[str, List[str]]:
        """A module-level function defined more than once (``if ...: def ask(a)`` / ``else: def
        ask(a, b)``): its plain qualname -> the qualnames of every definition (``ask@12``, ``ask``)."""
        found: Dict[str, List[str]] = {}
        for qual in self.ev.s.functions:
            plain, at, line = qual.rpartition("@")
            if at and line.isdigit():
                found.setdefault(plain, [plain]).append(qual)
        return found

    def _type_error(self, ref: CallRef, dst: str) -> bool:
        """No definition named ``dst`` can take the call's arguments: it raises before its body runs."""
        for qual in self._definitions.get(dst, [dst]):
            callee = self.ev.s.functions.get(qual)
            if callee is None or not cannot_bind(ref.shape, callee[0].params, callee[0].name, callee[0].cls):
                return False
        return True

    def targets(self, ref: CallRef, owner: str = "") -> List[str]:
        return self._targets(ref, owner)[0]

    def _targets(self, ref: CallRef, owner: str) -> Tuple[List[str], bool]:
        """The functions ``ref`` reaches, and whether it is a method call (or a method passed on)
        whose callee has no known value at all."""
        if ref.kind in ("arg", "ref") and ref.arg in TOOL_ARGUMENTS:  # ``tools=[f, g]``, ``tools=TOOLS``, ``tools=self.tools``
            values = self.ev.solver.query(lambda: self.ev.eval(ref.expr), owner)
            hooks = self.ev.solver.query(lambda: self._hooks(values), owner) if self.hooked else []  # tool instances
            return self.ev.solver.query(lambda: self.ev.callables(self._functions(values)), owner) + hooks, False
        if ref.kind == "arg":  # a value bound to a parameter; an instance the framework calls back
            values = self.ev.solver.query(lambda: self.ev.eval(ref.expr), owner) if self.hooked else set()
            return self.ev.solver.query(lambda: self._hooks(values), owner) if self.hooked else [], False
        values = self.ev.solver.query(lambda: self.ev.eval(ref.expr), owner)
        untyped = not values and ref.kind in ("call", "ref") and bool(ref.expr) and ref.expr[0] == "attr"
        if ref.kind == "ref":  # ``FAISS.from_texts(chunks, emb)``: a named instance's callbacks too
            self.hooked_at = self.ev.solver.query(lambda: self._hooks(values), owner) if self.hooked else []
            values = {a for a in values if a.kind is Kind.FUNC}
            return self.ev.solver.query(lambda: self.ev.callables(values), owner) + self.hooked_at, untyped
        names = self.bindings.strings_of(ref.expr) if ref.kind == "queue" and not values and self.bindings else []
        if names:  # a job by name: ``enqueue_job("digest")``, a constant, what callers pass a helper
            if self.ev.query_notes is not None:  # a dotted name may match any function's tail
                self.ev.query_notes.scan = True
            return [q for name in names for q in self.ev.s.resolve_dotted(name)], False
        return self.ev.solver.query(lambda: self.ev.callables(values), owner), untyped

    def _template(self, ref: CallRef, owner: str) -> Tuple[List[str], bool]:
        """``x.m()`` where ``x`` is a project object whose ``m`` is a library base's template method
        (``Thread.start``, a DRF serializer's ``save``): the overrides it runs, and whether it hands off."""
        receivers = self.ev.solver.query(lambda: self.ev.eval(ref.expr[1]), owner)
        found: Dict[str, None] = {}
        handoff = False
        for atom in ordered(self._with_members(receivers)):  # ``self.tools[0].ainvoke()``: a list's tool
            if atom.kind is Kind.OBJ:
                runs, hands = self.ev.classes.template(atom.name, str(ref.expr[2]))
                found.update(dict.fromkeys(runs))
                handoff = handoff or (hands and bool(runs))
        return list(found), handoff

    def _hooks(self, values: Values) -> List[str]:
        """The framework-called methods of the project instances among ``values`` (and in their containers)."""
        return sorted({h for a in self._with_members(values) if a.kind is Kind.OBJ for h in self.ev.classes.hooks(a.name)})

    def _functions(self, values: Values) -> Values:
        """The project functions among ``values`` and their containers' members."""
        return {a for a in self._with_members(values) if a.kind is Kind.FUNC}

    def _with_members(self, values: Values) -> Set[Atom]:
        return set(values) | {m for a in values if a.kind is Kind.MULTI and not a.path for m in self.ev.members(a.name)}


def wrapper_match(provider_id: str, operation: str) -> Optional[Match]:
    """A configured or third-party LLM wrapper: its provider's operation of that name, else a
    plain online request of it."""
    provider = providers.provider_by_id(provider_id)
    if provider is None:
        return None
    found = providers.operation_match(provider, operation)
    return Match(provider, operation, found.op if found else Operation(SYNC))
