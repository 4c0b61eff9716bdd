"""The solved graph, stored, and the edit it can start from instead of solving the project again.

What is stored (plain values for ``marshal``, by the engine's facts store): every node's atoms,
every node's readers by rule key, the rule keys, what rules left in the evaluator (literal
members, the expressions bound to each callee, the markers of what was met once), the names the
rules looked up (``consulted``), per file its symbol-table entries as position-free digests, and
each caller's edges with the nodes its queries read (``owners``: kept by a started graph while
those nodes did not grow).

The case built here is the monotone one: the same files, and the edited files only *add*
functions that no stored rule looked up (absent names are recorded too) while no stored rule
scanned a whole table, or *grow* functions: a function whose calls with arguments, returns and
locals' values of before are all still there, in order, among this run's (a statement added to
a body), the rest of it (name, class, decorators, parameters, docstring, pragma) equal and no
annotated return. Each stored rule of a grown function is renamed to the index its computation
now has (``Parts``: the rules ``("bind", path, fn, i)``, ``("ret", fn, i)``, ``("var", "fn#x",
i)`` are numbered by position) and only the new ones are seeded. Then every stored rule computed
what it would compute now, the propagation only grows values, and starting the solver from the
stored values with the new rules seeded (a grown node makes its stored readers again from their
keys) reaches what a whole solve reaches (``tests/project/test_graph_state.py`` compares them).
Anything else (an entry changed otherwise or removed, a class or module-level name added, a file
added or removed, a changed alias) solves the whole project, as before.

Only a whole solve is stored: a run that started from the stored state leaves it as the base, so
the next edit compares its files with that base again and seeds every function added since (the
stored rules looked none of them up), instead of paying to encode and write the state each time.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import partial
from typing import Callable, Dict, List, Optional, Set, Tuple

from llm_latency_lint.model import CallRef, Expr, FileFacts, FunctionFacts
from llm_latency_lint.project import owners
from llm_latency_lint.project.bindings import Binding, Bindings, calls_with_arguments
from llm_latency_lint.project.consulted import Consulted, Lookup
from llm_latency_lint.project.evaluate import Evaluator
from llm_latency_lint.project.solver import NodeKey, Rule, RuleKey
from llm_latency_lint.project.symbols import Symbols
from llm_latency_lint.project.values import Atom, Kind

VERSION = 7  # 3: call edges note a container run (``edges.MEMBER_RUN``); 4: the classification record (``classify_reuse``); 5: edges' containers, annotations as fallbacks; 6: functions' parts; 7: template runs (``member_runs.TEMPLATE_RUN``)
Entry = Tuple[str, str, str]  # (table, name, digest of the entry without positions)
# A function's entry in the pieces its rules are numbered by: the rest of it, each call with its
# arguments (``bind`` rules), each return (``ret``), each local's values (``var``), digested.
Parts = Tuple[str, List[str], List[str], Dict[str, List[str]]]


# ---- symbol-table entries, without positions -----------------------------------------------
def _calls(calls: List[CallRef]) -> List[Tuple[object, ...]]:
    """Calls without line and column; the position only groups a call with its arguments."""
    groups: Dict[Tuple[int, int], int] = {}
    return [(groups.setdefault((c.line, c.col), len(groups)), repr(c.expr), c.kind, c.waited, c.note, c.arg, repr(c.shape))
            for c in calls]


def _function(path: str, fn: FunctionFacts) -> str:
    return repr((path, fn.qualname, fn.name, fn.cls, fn.is_async, _calls(fn.calls), fn.returns, fn.pragma, fn.docstring,
                 fn.decorators, sorted(fn.locals.items()), fn.params))


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _row(c: CallRef) -> Tuple[object, ...]:
    return (repr(c.expr), c.kind, c.waited, c.note, c.arg, repr(c.shape))


def parts(fn: FunctionFacts) -> Parts:
    """A function's entry split where a body edit may only add (``Parts``), without positions."""
    binds = [_digest(repr([_row(call)] + [_row(a) for a in args])) for call, args in calls_with_arguments(fn.calls)]
    rest = _digest(repr((fn.qualname, fn.name, fn.cls, fn.is_async, fn.pragma, fn.docstring, fn.decorators, fn.params,
                         any(e[:1] == ["declared"] for e in fn.returns))))
    return rest, binds, [_digest(repr(e)) for e in fn.returns], {k: [_digest(repr(e)) for e in v] for k, v in sorted(fn.locals.items())}


def _within(old: List[str], new: List[str]) -> Optional[Dict[int, int]]:
    """Each of ``old`` at its index in ``new`` (``old`` a subsequence of ``new``), or None."""
    found: Dict[int, int] = {}
    at = 0
    for i, item in enumerate(old):
        while at < len(new) and new[at] != item:
            at += 1
        if at == len(new):
            return None
        found[i], at = at, at + 1
    return found


def grown(path: str, qualname: str, old: Parts, fn: FunctionFacts) -> Optional[Dict[RuleKey, RuleKey]]:
    """The stored rule keys of a function that only grew, each to its key now; None if it did not
    only grow (or has an annotated return, a fallback that stands in for what grows)."""
    rest, binds, returns, local = parts(fn)
    if rest != old[0] or any(e[:1] == ["declared"] for e in fn.returns):
        return None
    renamed: Dict[RuleKey, RuleKey] = {}
    places: List[Tuple[Optional[Dict[int, int]], Callable[[int], RuleKey]]] = [
        (_within(list(old[1]), binds), lambda i: ("bind", path, qualname, i)),
        (_within(list(old[2]), returns), lambda i: ("ret", qualname, i))]

    def local_key(name: str) -> Callable[[int], RuleKey]:
        return lambda i: ("var", f"{qualname}#{name}", i)

    for name, values in old[3].items():
        places.append((_within(list(values), local.get(name, [])), local_key(name)))
    for found, key in places:
        if found is None:
            return None
        renamed.update((key(i), key(j)) for i, j in found.items() if i != j)
    return renamed


def entries(facts: FileFacts) -> List[Entry]:
    """What one file gives the symbol table, entry by entry, each digested without positions (a
    line inserted above a function leaves its entry equal)."""
    out: List[Entry] = [("module", facts.module, _digest(repr(sorted(facts.imports.items()))))]
    out += [("function", q, _digest(_function(facts.path, fn))) for q, fn in facts.functions.items()]
    out += [("class", q, _digest(repr((k.bases, sorted(k.attrs.items()), k.decorators)))) for q, k in facts.classes.items()]
    out += [("global", n, _digest(repr(e))) for n, e in facts.globals.items()]
    out += [("container", n, _digest(repr(e))) for n, e in facts.containers.items()]
    out += [("task", n, _digest(v)) for n, v in facts.task_names.items()]
    return out


# ---- storing -------------------------------------------------------------------------------
def encode(ev: Evaluator, bindings: Bindings, context: str, hashes: Dict[str, str],
           files_entries: Dict[str, List[Entry]], edges: Optional[Tuple[owners.Recorded, Consulted]] = None) -> object:
    solver = ev.solver
    atoms: Dict[Atom, int] = {}
    values = [(node, tuple([atoms.setdefault(a, len(atoms)) for a in v])) for node, v in solver.values.items()]
    nodes = {node: i for i, node in enumerate(solver.values)}
    index: Dict[RuleKey, int] = {}
    readers = [(node, tuple([index.setdefault(k, len(index)) for k in keys])) for node, keys in solver.reader_keys().items()]
    for key in solver.rules:
        index.setdefault(key, len(index))
    for key in solver.stored_rules:
        index.setdefault(key, len(index))
    return {
        "version": VERSION, "context": context, "hashes": hashes,
        "paths": [f.path for f in ev.s.files], "entries": files_entries,
        "aliases": ev.s.module_aliases, "own_roots": sorted(ev.s.own_roots),
        "atoms": [(a.kind.value, a.name, a.path) for a in atoms], "values": values,
        "rules": list(index), "readers": readers,
        "literals": ev.literals, "seen": list(ev.keys.seen),
        "bound": {c: [(b.key, b.kind, b.expr) for b in bs] for c, bs in bindings.bound.items()},
        "computed": ev.computed, "consulted": ev.consulted.plain(),
        "edges": owners.encode(edges[0], nodes) if edges is not None else None,
        "edge_notes": edges[1].plain() if edges is not None else None,
        "parts": {f.path: {q: parts(fn) for q, fn in f.functions.items()} for f in ev.s.files},
    }


def file_entries(symbols: Symbols, hashes: Dict[str, str], previous: Optional[Dict[str, object]]) -> Dict[str, List[Entry]]:
    """Every file's entries: carried over from the stored state where the file's facts hash is
    the same and the files are the same (a script's names depend on its siblings' paths)."""
    same_files = previous is not None and previous.get("version") == VERSION \
        and previous.get("paths") == [f.path for f in symbols.files]
    old_hashes = previous.get("hashes", {}) if previous is not None and same_files else {}
    old_entries = previous.get("entries", {}) if previous is not None and same_files else {}
    assert isinstance(old_hashes, dict) and isinstance(old_entries, dict)
    out: Dict[str, List[Entry]] = {}
    for facts in symbols.files:
        kept = old_entries.get(facts.path)
        same = kept is not None and old_hashes.get(facts.path) == hashes.get(facts.path) is not None
        out[facts.path] = kept if same else entries(facts)  # type: ignore[assignment]
    return out


# ---- starting from it ----------------------------------------------------------------------
@dataclass
class Start:
    """A stored state this run may start from, with the functions the edit added."""

    added: List[Tuple[str, str]]  # (path, qualname) of each new function
    entries: Dict[str, List[Entry]]
    values: Dict[NodeKey, Set[Atom]]
    readers: Dict[NodeKey, List[RuleKey]]
    rules: Set[RuleKey]
    literals: Dict[str, List[Expr]]
    seen: Set[Tuple[str, ...]]
    bound: Dict[str, List[Binding]]
    computed: Dict[str, str]
    consulted: Consulted
    edges: Optional[owners.KeptEdges] = None  # the callers' stored edges, when the edit may keep them
    grown: List[str] = field(default_factory=list)  # functions that only grew (``grown``)

    @classmethod
    def check(cls, stored: object, context: str, hashes: Dict[str, str], symbols: Symbols) -> Optional["Start"]:
        """The stored state if this run's facts only add functions nothing looked up; else None
        (also when it does not read back whole: a damaged or foreign state is absent)."""
        try:
            return cls._check(stored, context, hashes, symbols)
        except Exception:  # noqa: BLE001 - a state that does not read back: the graph is built whole
            return None

    @classmethod
    def _check(cls, stored: object, context: str, hashes: Dict[str, str], symbols: Symbols) -> Optional["Start"]:
        if not isinstance(stored, dict) or stored.get("version") != VERSION or stored.get("context") != context:
            return None
        if stored.get("paths") != [f.path for f in symbols.files] or stored.get("aliases") != symbols.module_aliases \
                or stored.get("own_roots") != sorted(symbols.own_roots):
            return None
        old_hashes, old_entries = stored.get("hashes"), stored.get("entries")
        if not isinstance(old_hashes, dict) or not isinstance(old_entries, dict):
            return None
        lookup: Optional[Lookup] = None
        added: List[Tuple[str, str]] = []
        renamed: Dict[RuleKey, RuleKey] = {}
        grew: List[str] = []
        current = file_entries(symbols, hashes, stored)
        for facts in symbols.files:
            if old_hashes.get(facts.path) == hashes.get(facts.path) is not None:
                continue
            old = {tuple(e) for e in old_entries.get(facts.path, ())}
            new = {tuple(e) for e in current[facts.path]}
            changed = {(t, n) for t, n, _ in old - new}
            for table, name, _ in sorted(new - old):
                if table != "function" or symbols.functions.get(name, (None, facts))[1] is not facts:
                    return None  # only new or grown functions, each the one the table holds
                if (table, name) in changed:  # a function that may only have grown
                    found = grown(facts.path, name, stored["parts"][facts.path][name], facts.functions[name])
                    if found is None:
                        return None
                    changed.discard((table, name))
                    renamed.update(found)
                    grew.append(name)
                    continue
                lookup = lookup or Lookup(Consulted.from_plain(stored["consulted"]))
                if lookup.touched(name):
                    return None  # a stored rule looked the name up (it was absent then)
                added.append((facts.path, name))
            if changed:
                return None  # an entry changed otherwise or went away
        atoms = [Atom(Kind(k), str(n), tuple(p)) for k, n, p in stored["atoms"]]
        rules: List[RuleKey] = [tuple(k) for k in stored["rules"]]
        rules = [renamed.get(k, k) for k in rules] if renamed else rules  # a grown function's rules, as numbered now
        values = [(tuple(node), found) for node, found in stored["values"]]
        atom_at, rule_at = atoms.__getitem__, rules.__getitem__
        kept = None
        notes = stored.get("edge_notes")
        if stored.get("edges") is not None and notes is not None and not any("@" in q for _, q in added) \
                and not Lookup(Consulted.from_plain(notes)).any_touched(q for _, q in added):
            paths = {f.path for f in symbols.files if old_hashes.get(f.path) != hashes.get(f.path)}
            kept = owners.decode(stored["edges"], [node for node, _ in values], paths)
        return cls(
            added, current,
            values={node: set(map(atom_at, found)) for node, found in values},  # ``map``: the loops in C
            readers={tuple(node): list(map(rule_at, found)) for node, found in stored["readers"]},
            rules=set(rules),
            literals={str(k): list(v) for k, v in stored["literals"].items()},
            seen={tuple(m) for m in stored["seen"]},
            bound={str(c): [Binding(str(k), str(kind), list(e)) for k, kind, e in bs] for c, bs in stored["bound"].items()},
            computed={str(k): str(v) for k, v in stored["computed"].items()},
            consulted=Consulted.from_plain(stored["consulted"]),
            edges=kept, grown=grew,
        )

    def restore(self, ev: Evaluator, bindings: Bindings) -> None:
        """The stored values, readers (made again only when a node they read grows) and what the
        rules left in the evaluator and the bindings."""
        solver = ev.solver
        solver.values, solver.stored_readers, solver.stored_rules = self.values, self.readers, self.rules
        solver.make = Remake(ev, bindings)
        ev.literals, ev.keys.seen, ev.computed, ev.consulted = self.literals, self.seen, self.computed, self.consulted
        bindings.bound = self.bound
        for qualname in self.grown:  # a grown function's new returns and locals' values, where read
            fn = ev.s.functions[qualname][0]
            for node in [("ret", qualname)] + [("var", f"{qualname}#{name}") for name in fn.locals]:
                if node in solver.values:
                    for rule in ev.define(node):
                        solver.add(rule)  # the stored ones (by key) are not added again


class Remake:
    """A stored rule made again from its key, from this run's facts and evaluator: the rules that
    define a node (``Evaluator.define``), a call's bindings, a decorator, a subclass, an argument."""

    def __init__(self, ev: Evaluator, bindings: Bindings) -> None:
        self.ev = ev
        self.bindings = bindings
        self.by_path = {f.path: f for f in ev.s.files}
        self.defined: Dict[NodeKey, Dict[RuleKey, Rule]] = {}

    def __call__(self, key: RuleKey) -> Rule:
        tag, b = key[0], self.bindings
        if tag == "bind":
            _, path, caller, at = key
            call, arguments = list(calls_with_arguments(self.by_path[path].functions[caller].calls))[at]
            return Rule(partial(b._bind, call, arguments), None, caller, key)
        if tag == "decorate":
            return Rule(partial(b._decorate, key[1], key[2]), None, key[1], key)
        if tag == "inherit":
            return Rule(partial(b._inherit, key[1]), None, key[1], key)
        if tag == "arg":
            _, callee, param, kind, digest = key
            expr: Expr = next(x.expr for x in b.bound[callee] if x.key == param and x.kind == kind and self.ev.keys.key(x.expr) == digest)
            return Rule(partial(self.ev.eval, expr), ("arg", callee, param), callee, key)
        node = _node_of(key)
        rules = self.defined.get(node)
        if rules is None:
            rules = self.defined[node] = {r.key: r for r in self.ev.define(node)}
        return rules[key]


def _node_of(key: RuleKey) -> NodeKey:
    """The node a definition rule computes (``evaluate.Evaluator.define``'s keys)."""
    tag = key[0]
    if tag == "member":
        return ("members", key[1])
    if tag in ("attr", "param") or (tag == "name" and len(key) == 2):
        return key
    return key[:-1]  # ("name", q, i), ("own", cls, attr, i | "constructed"), ("ret", fn, i), ("var", x, i)


def added_functions(start: Optional[Start]) -> Set[str]:
    """The functions whose rules a started graph seeds: the new ones and the grown ones."""
    return {q for _, q in start.added} | set(start.grown) if start is not None else set()
