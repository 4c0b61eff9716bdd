"""Branches no caller's literal selects: ``fill(video, model="anthropic")`` called only as
``fill(v, "openai")`` never runs its ``if model == "anthropic":`` body (``facts/branches.py``).

A parameter's values are its literal default (where a caller omits it) and every caller's literal
argument, or the values of the caller's own parameter it passes on (``name`` or ``not name``).
They are unknown, and every branch on them live, when a caller passes another value,
unpacks arguments or reaches the function under another name, when anything but a plain call
reaches it (a callable handed on, a queued task, an HTTP hop), when a trigger, an entry point or a
pragma starts it, when nothing in the project calls it, when it is decorated, or when its name
appears anywhere but in calls the graph linked to a project function (``escaped_names``: the graph
skips common method names, untyped receivers and ``getattr``, so those callers are unseen). Callers are the call edges before this
pass drops any (one pass: a caller under a dead branch still counts, which only keeps more live).
"""
from __future__ import annotations

import ast
import json
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

from llm_latency_lint.catalog.inline_python import CALL_KEY
from llm_latency_lint.expr import ATTR, ITEM, NAME, SHAPES, Expr
from llm_latency_lint.model import (
    CLASSMETHOD,
    CONSTANT,
    METHOD,
    CallRef,
    FileFacts,
    FunctionFacts,
    Trigger,
)
from llm_latency_lint.model import GUARD_NEGATED as NEGATED
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.escaped import escaped_names
from llm_latency_lint.project.graph import Project
from llm_latency_lint.project.stored_flags import RAISES, Stored
from llm_latency_lint.project.values import Kind

MAX_HOPS = 16  # callers followed back through parameters passed on
Spot = Tuple[str, int, int]  # a call site's path, line and column
Values = Dict[str, Optional[Set[str]]]  # parameter -> the literal reprs it may hold; None: anything


def _holds(test: str, values: List[str], value: str) -> bool:
    """Whether a parameter holding the literal ``value`` passes ``test`` (any doubt: it does)."""
    if test in ("notin", "isnot", "falsy"):
        return not _holds(NEGATED[test], values, value)
    if test in ("noprefix", "nosuffix"):
        return not _holds(NEGATED[test], values, value) or not _plain(value)
    try:
        held = ast.literal_eval(value)
        if test == "in":
            return any(held == ast.literal_eval(v) for v in values)
        if test == "is":  # ``is None``/``True``/``False``: the same type and value (``1 is True`` fails)
            return any(type(held) is type(v) and held == v for v in map(ast.literal_eval, values))
        if test == "truthy":
            return bool(held)
        affixes = tuple(ast.literal_eval(v) for v in values)
        if not isinstance(held, str) or not all(isinstance(a, str) for a in affixes):
            return True
        return held.startswith(affixes) if test == "prefix" else held.endswith(affixes)
    except (ValueError, SyntaxError, TypeError):
        return True


def _plain(value: str) -> bool:
    """A string, for the affix tests (``startswith`` on anything else raises: no branch runs)."""
    try:
        return isinstance(ast.literal_eval(value), str)
    except (ValueError, SyntaxError):
        return False


def _shift(project: Project, fn: FunctionFacts, ref: CallRef) -> Optional[int]:
    """How many leading parameters the call binds by its receiver (``self``), if it can tell."""
    mode = fn.params[0] if fn.params else ""
    if mode == CLASSMETHOD:
        return 1
    if mode != METHOD:
        return 0
    if fn.name == "__init__" and ref.shape and ref.shape[0] != "__init__":
        return 1  # ``Cls(...)`` builds and binds; ``Base.__init__(self, ...)`` is read below
    expr = ref.expr
    if expr and expr[0] == "name":  # ``Cls.method`` resolved as written: unbound, ``self`` passed;
        owner = str(expr[1]).rpartition(".")[0]  # ``client.ask`` on a module-level instance: bound
        kinds = {a.kind for a in project.value([NAME, owner])} if owner not in project.classes else {Kind.CLASS}
        return 0 if kinds == {Kind.CLASS} else 1 if kinds == {Kind.OBJ} else None
    receiver = expr[1] if expr and expr[0] == "attr" and isinstance(expr[1], list) else None
    if receiver and receiver[0] == "name":
        name = str(receiver[1])
        return 0 if name in project.classes else None if name in project.functions else 1
    return 1 if receiver else None


def _bind(project: Project, fn: FunctionFacts, ref: CallRef) -> Optional[Dict[str, str]]:
    """Parameter -> the literal (or "" for another value) ``ref`` passes it; None if it cannot tell."""
    shape, params, shift = ref.shape, fn.params, _shift(project, fn, ref)
    if not shape or not params or len(shape) < 2 or shift is None:
        return None
    positional = [p.rstrip("=") for p in params[1:] if p not in ("/", "*", "**") and not p.startswith("kw:")]
    given = int(shape[1])
    values = ref.values or [""] * (given + len(shape) - 2)
    if given > len(positional) - shift or len(values) != given + len(shape) - 2:
        return None
    bound = dict(zip(positional[shift:], values[:given]))
    bound.update(zip(shape[2:], values[given:]))
    return bound


class _Values:
    """Each parameter's literal values over its function's callers, through parameters passed on;
    a method's ``self.attr`` through the constructor parameter it stores (``stored_flags``)."""

    def __init__(self, project: Project, incoming: Dict[str, List[Edge]], started: Set[str],
                 escaped: Set[str]) -> None:
        self.p, self.incoming, self.started, self.escaped = project, incoming, started, escaped
        self.stored = Stored(project)
        self._memo: Dict[Tuple[str, str], Optional[Set[str]]] = {}
        self._depth = 0
        self._calls: Dict[str, Dict[int, List[CallRef]]] = {}  # caller -> line -> its "call" refs

    def of(self, qualname: str, param: str) -> Optional[Set[str]]:
        key = (qualname, param)
        if key not in self._memo:
            self._memo[key] = None  # a cycle of calls, or a chain past ``MAX_HOPS``: anything
            if self._depth < MAX_HOPS:
                self._depth += 1
                try:
                    self._memo[key] = self._of(qualname, param)
                finally:
                    self._depth -= 1
        return self._memo[key]

    def _of(self, qualname: str, param: str) -> Optional[Set[str]]:
        fn = self.p.functions[qualname][0] if qualname in self.p.functions else None
        if fn is not None and "." in param:  # ``self.mode``: what the constructor was given
            source = self.stored.constructor_param(fn, param.split(".", 1)[1])
            return self.of(*source) if source else None
        edges = self.incoming.get(qualname, [])
        if fn is None or qualname in self.started or not edges or fn.decorators or self._escaped(fn):
            return None
        found: Set[str] = set()
        for edge in edges:
            value = self._passed(fn, edge, param)
            if value is None:
                return None
            found |= value
        return found

    def _escaped(self, fn: FunctionFacts) -> bool:
        """Reached some way the edges may not show (``escaped_names``): its parameters hold anything.
        A constructor escapes by its class's name; by ``__init__`` (``super().__init__()`` into a
        base outside the project, anywhere) only where a subclass of its own may make that call."""
        if fn.cls and fn.name == "__init__":
            return fn.cls.rsplit(".", 1)[-1] in self.escaped or (
                "__init__" in self.escaped and bool(self.p.evaluator.classes.subclasses(fn.cls)))
        return fn.name in self.escaped

    def _at(self, caller: FunctionFacts) -> Dict[int, List[CallRef]]:
        """The caller's calls by line, indexed once (a caller with many callees is read once)."""
        if caller.qualname not in self._calls:
            index: Dict[int, List[CallRef]] = {}
            for ref in caller.calls:
                if ref.kind == "call":
                    index.setdefault(ref.line, []).append(ref)
            self._calls[caller.qualname] = index
        return self._calls[caller.qualname]

    def _passed(self, fn: FunctionFacts, edge: Edge, param: str) -> Optional[Set[str]]:
        caller = self.p.functions.get(edge.src)
        if edge.kind != "call" or caller is None:
            return None
        written = (fn.name, fn.cls.rsplit(".", 1)[-1] if fn.cls and fn.name == "__init__" else fn.name)
        refs = [c for c in self._at(caller[0]).get(edge.line, ()) if c.shape and c.shape[0] in written]
        bound = _bind(self.p, fn, refs[0]) if len(refs) == 1 else None
        if bound is None:
            return None
        if any(v[:1] == CONSTANT and self.stored.literal(v) == RAISES for v in bound.values()):
            return set()  # an argument that raises: the call never happens
        value = bound.get(param, fn.defaults.get(param))
        if not value:
            return None
        if value[0] not in "@!":
            literal = self.stored.literal(value)
            return None if literal is None else set() if literal == RAISES else {literal}
        outer = self.of(edge.src, value[1:])
        if outer is None or value[0] == "@":
            return outer
        try:
            return {repr(not ast.literal_eval(v)) for v in outer}
        except (ValueError, SyntaxError):
            return None


def _dead(row: List[str], values: Values, stored: Stored) -> str:
    """Why the branch ``row`` never runs ("" if it may)."""
    for i in range(2, len(row), 3):
        param, test = row[i], row[i + 1]
        literals = [stored.literal(v) for v in json.loads(row[i + 2])]
        held = values.get(param)
        if any(v is None or v == RAISES for v in literals):
            continue  # a constant it cannot read: the test may hold
        if held and not any(_holds(test, [v for v in literals if v], value) for value in held):
            shown = ", ".join(sorted(held))
            return f"in a branch no caller selects: {param} is only ever {shown}"
    return ""


Dropped = Dict[str, List[Tuple[Edge, str]]]  # callee -> the dropped calls of it, each with why


def _targets(project: Project, facts: FileFacts, name: str) -> Set[str]:
    """The project functions and classes a module-level name of ``facts`` (as written) stands for."""
    head, _, rest = name.partition(".")
    written = f"{facts.module}.{name}"
    found = set(project.symbols.resolve_dotted(written))
    imported = facts.imports.get(head)
    for dotted in (written, f"{imported}.{rest}" if imported and rest else imported):
        if dotted and (dotted in project.classes or dotted in project.functions):
            found.add(dotted)
    return found


def _dotted(expr: Expr) -> str:
    """``a.b.c`` of a name or an attribute chain on one, else ""."""
    if expr and expr[0] == NAME:
        return str(expr[1])
    if expr and expr[0] == ATTR and isinstance(expr[1], list):
        head = _dotted(expr[1])
        return f"{head}.{expr[2]}" if head else ""
    return ""


def _read_otherwise(expr: Expr, dicts: Set[str], into: Set[str]) -> None:
    """The ``dicts`` (qualified) ``expr`` holds other than as ``D[...]``: ``D.update(...)``, ``D``
    handed on or bound again, ``D.values()`` — any of those may add, swap or run any entry."""
    if not expr:
        return
    if expr[0] == ITEM and isinstance(expr[1], list) and _dotted(expr[1]) in dicts:
        return
    written = _dotted(expr)
    for table in dicts:
        if written == table or written.startswith(table + "."):
            into.add(table)
    for kind, value in zip(SHAPES.get(expr[0], ()), expr[1:]):
        if kind == "e" and isinstance(value, list):
            _read_otherwise(value, dicts, into)
        elif kind == "E" and isinstance(value, list):
            for item in value:
                if isinstance(item, list):
                    _read_otherwise(item, dicts, into)


def _changed_elsewhere(project: Project, keyed: Dict[str, FunctionFacts]) -> Set[str]:
    """The keyed dicts (qualified) some other module adds to (``containers``: ``D[k] = f``,
    ``D.update``, a registering decorator) or names other than by key: their entries are not fixed."""
    homes = {f"{project.functions[q][1].module}.{row[2]}": project.functions[q][1].module
             for q, fn in keyed.items() for row in fn.lookups}
    found = {table for facts in project.files for table in facts.containers if table in homes}
    for facts in project.files:
        for expr in facts.expressions():
            seen: Set[str] = set()
            _read_otherwise(expr, set(homes), seen)
            found.update(table for table in seen if homes[table] != facts.module)
    return found


def _unkeyed(project: Project, held: _Values, keyed: Dict[str, FunctionFacts],
             kept: Dict[str, List[Edge]]) -> Dropped:
    """Drop the edges of calls through a dict entry no value of its key parameter selects
    (``facts/keyed_calls.py``), where no selected entry holds the same name; the dropped by callee."""
    dropped: Dropped = {}
    changed = _changed_elsewhere(project, keyed)
    for qualname, fn in keyed.items():
        facts = project.functions[qualname][1]
        live: Dict[Tuple[int, str], Set[str]] = {}
        dead: Dict[Tuple[int, str], Set[str]] = {}
        whys: Dict[Tuple[int, str], str] = {}
        for row in fn.lookups:
            spot, values = (int(row[0]), row[1]), held.of(qualname, row[1])
            if f"{facts.module}.{row[2]}" in changed:
                values = None
            if values and not any(_holds("in", json.loads(row[3]), v) for v in values):
                dead.setdefault(spot, set()).update(row[4:])
                whys[spot] = f"in a dict entry no caller selects: {row[1]} is only ever {', '.join(sorted(values))}"
            else:
                live.setdefault(spot, set()).update(row[4:])
        for spot, names in dead.items():
            gone = {t for n in names - live.get(spot, set()) for t in _targets(project, facts, n)}
            gone -= {t for n in live.get(spot, set()) for t in _targets(project, facts, n)}
            if not gone or qualname not in kept:
                continue
            stays: List[Edge] = []
            for edge in kept[qualname]:
                if edge.line == spot[0] and edge.kind == "call" and any(
                        edge.dst == t or edge.dst.startswith(t + ".") for t in gone):
                    dropped.setdefault(edge.dst, []).append((edge, whys[spot]))
                else:
                    stays.append(edge)
            kept[qualname] = stays
    return dropped


def dead_branches(project: Project, edges: Dict[str, List[Edge]], started: Set[str],
                  ) -> Tuple[Dict[str, List[Edge]], Dict[Spot, str], Dropped]:
    """The call edges without those under dead branches or through dict entries no caller's key
    selects, the call sites in dead branches -> why, and the edges dropped by callee, with why."""
    # a started function's parameters hold anything (``_Values``), not the attributes its object was built with
    guarded = {q: fn for q, (fn, _) in project.functions.items() if fn.guards}
    keyed = {q: fn for q, (fn, _) in project.functions.items() if fn.lookups and fn.params and q not in started}
    if not guarded and not keyed:
        return edges, {}, {}
    incoming: Dict[str, List[Edge]] = {}
    for found in edges.values():
        for edge in found:
            incoming.setdefault(edge.dst, []).append(edge)
    ranges: Dict[str, List[Tuple[int, int, str]]] = {}
    held = _Values(project, incoming, started, escaped_names(project, edges))
    for qualname, fn in guarded.items():
        for row in fn.guards:
            why = _dead(row, {row[i]: held.of(qualname, row[i]) for i in range(2, len(row), 3)}, held.stored)
            if why:
                ranges.setdefault(qualname, []).append((int(row[0]), int(row[1]), why))
    kept = dict(edges)
    dropped = _unkeyed(project, held, keyed, kept) if keyed else {}
    if not ranges:
        return kept, {}, dropped
    for qualname, spans in ranges.items():
        stays: List[Edge] = []
        for edge in kept.get(qualname, ()):
            why = next((why for a, b, why in spans if a <= edge.line <= b), "")
            if why:
                dropped.setdefault(edge.dst, []).append((edge, why))  # the unknown site's evidence says why
            else:
                stays.append(edge)
        if qualname in kept:
            kept[qualname] = stays
    sites: Dict[Spot, str] = {}
    for facts in project.files:
        for site in facts.call_sites:
            for a, b, why in ranges.get(site.function, ()):
                if a <= site.line <= b:
                    sites[(facts.path, site.line, site.col)] = why
    return kept, sites, dropped


def started_functions(project: Project, triggers: Sequence[Tuple[Trigger, str]],
                      counts: Optional[Callable[[Trigger, str], bool]] = None) -> Set[str]:
    """Functions a trigger, an entry point or a pragma starts: their parameters hold anything.
    ``counts``: whether a trigger starts a function it resolves to (``classify``: name evidence
    only where the function looks like an entry point); by default every one does."""
    found = {q for q, (fn, _) in project.functions.items() if fn.pragma}
    for trigger, _ in triggers:
        target = trigger.target
        if target and target[0] == "entry" and str(target[1]).startswith(CALL_KEY):  # ``python -c "...; run()"``
            target = ["str", str(target[1])[len(CALL_KEY):]]
        if target and target[0] != "entry":
            found.update(q for q in project.resolve_function(target) if counts is None or counts(trigger, q))
    return found
