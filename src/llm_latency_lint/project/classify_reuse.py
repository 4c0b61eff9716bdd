"""The run before's classification, reused after an edit that only adds functions nothing reaches.

Classifying (the walk from every trigger, each site's class and its ``unknown`` explanation) is
a function of the call edges, the triggers, the files' facts and what its queries look up in the
graph. After an edit whose changed files are their facts of the run before plus *inert*
functions appended (module-level, no call, decorator, pragma, local or dunder name, not named in
the configuration: ``def _helper(): return 3``), and no rule, edge query or classification query
looked their names up, every input the classifier reads is what it was: the edges are compared
(a digest, in order), the triggers configuration adds are compared, the other facts are equal by
their hashes, the new functions' nodes are read by nothing (so every other value is as before),
and the names the classifier resolved outside the evaluator (dotted task strings, a listener's
receiver) are checked for the new names by suffix, as ``Symbols.resolve_dotted`` matches them.
Then the stored sites stand, each bound to this run's resolved site. Any other edit classifies
whole. The record is kept beside the result it describes (``facts/graphs``), versioned with the
graph state (``state.VERSION``).
"""
from __future__ import annotations

import hashlib
from dataclasses import fields, replace
from operator import attrgetter
from typing import Dict, List, Optional, Sequence, Set, Tuple

from llm_latency_lint.facts.cache import entry_hash
from llm_latency_lint.facts.codec import encode_facts
from llm_latency_lint.model import FileFacts, FunctionFacts, Trigger
from llm_latency_lint.project import state
from llm_latency_lint.project.consulted import Consulted, Lookup
from llm_latency_lint.project.graph import Edge, Project
from llm_latency_lint.project.reaches import ClassifiedSite

_EDGE_FIELDS = tuple(f.name for f in fields(Edge))
MAX_APPENDED = 16  # functions tried off a changed file's end: each try hashes the file's facts again


def _digest(value: object) -> str:
    """Of plain values by their ``repr`` (``marshal``'s bytes depend on reference counts)."""
    return hashlib.sha256(repr(value).encode("utf-8", "surrogatepass")).hexdigest()


def edges_digest(edges: Dict[str, List[Edge]]) -> str:
    """Every edge, in the order the walk reads them (each a tuple of its fields, read in C)."""
    row = attrgetter(*_EDGE_FIELDS)
    return _digest([(src, list(map(row, out))) for src, out in edges.items()])


def triggers_digest(extra: Sequence[Tuple[Trigger, str]]) -> str:
    return _digest(list(extra))


class Asking:
    """While the classifier runs: what its queries look up through the evaluator (``query_notes``),
    what rules made during them look up, and the names resolved outside it (``Symbols.asked``)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.notes = Consulted()
        self.asked: List[str] = []

    def __enter__(self) -> "Asking":
        ev = self.project.evaluator
        self._before = (set(ev.consulted.names), set(ev.consulted.under), set(ev.consulted.methods))
        ev.query_notes = self.notes
        self.project.symbols.asked = self.asked
        return self

    def __exit__(self, *exc: object) -> None:
        ev = self.project.evaluator
        ev.query_notes = None
        self.project.symbols.asked = None
        names, under, methods = self._before  # what rules the queries made looked up
        self.notes.names |= ev.consulted.names - names
        self.notes.under |= ev.consulted.under - under
        self.notes.methods |= ev.consulted.methods - methods
        self.notes.scan = self.notes.scan or ev.consulted.scan


def record(project: Project, hashes: Dict[str, str], extra: Sequence[Tuple[Trigger, str]],
           notes: List[object], asked: List[str]) -> object:
    """What the next edit compares against (the result key is added by the engine)."""
    return {"version": state.VERSION, "hashes": dict(hashes), "edges": edges_digest(project.edges()),
            "triggers": triggers_digest(extra), "notes": notes, "asked": sorted(set(asked))}


def inert(fn: FunctionFacts, configured: Set[str]) -> bool:
    """A function whose addition no classification input can see unless something names it."""
    return (fn.cls is None and not fn.calls and not fn.decorators and fn.pragma is None and not fn.locals
            and not fn.name.startswith(("<", "__")) and "@" not in fn.qualname and fn.qualname not in configured)


def _added(facts: FileFacts, old_hash: str, configured: Set[str]) -> Optional[List[str]]:
    """The inert functions appended to the facts the run before had (hash ``old_hash``), or None."""
    names = list(facts.functions)
    for cut in range(1, min(len(names), MAX_APPENDED) + 1):
        if not inert(facts.functions[names[-cut]], configured):
            return None
        kept = {k: facts.functions[k] for k in names[:-cut]}
        if entry_hash(encode_facts(replace(facts, functions=kept))) == old_hash:
            return names[-cut:]
    return None


def named_by_suffix(qualname: str, asked: Sequence[str]) -> bool:
    """Could a dotted name resolved by suffix (``resolve_dotted``, ``resolve_by_name``) be ``qualname``?"""
    for name in asked:
        name = name.replace(":", ".").strip()
        tail = ".".join(name.split(".")[-2:])
        if qualname == name or qualname.endswith("." + name) or name.endswith("." + qualname) \
                or qualname == tail or qualname.endswith("." + tail):
            return True
    return False


def reusable(stored: object, project: Project, hashes: Dict[str, str], extra: Sequence[Tuple[Trigger, str]],
             configured: Set[str]) -> Optional[str]:
    """The stored result key whose sites stand for this run, or None (classify whole)."""
    try:
        return _reusable(stored, project, hashes, extra, configured)
    except (KeyError, TypeError, ValueError, AssertionError):
        return None  # a record that does not read back: classify whole


def _reusable(stored: object, project: Project, hashes: Dict[str, str], extra: Sequence[Tuple[Trigger, str]],
              configured: Set[str]) -> Optional[str]:
    if not isinstance(stored, dict) or stored.get("version") != state.VERSION or project.evaluator.solver.stopped:
        return None
    old = stored["hashes"]
    if not isinstance(old, dict) or sorted(old) != sorted(hashes):
        return None
    by_path = {f.path: f for f in project.files}
    added: List[str] = []
    for path, digest in hashes.items():
        if old[path] != digest:
            found = _added(by_path[path], str(old[path]), configured) if path in by_path else None
            if found is None:
                return None
            added.extend(found)
    if not added:
        return None
    lookups = [Lookup(project.evaluator.consulted), Lookup(project.edge_notes),
               Lookup(Consulted.from_plain(stored["notes"]))]
    asked = [str(a) for a in stored["asked"]]
    if any(lookup.touched(q) for q in added for lookup in lookups) or any(named_by_suffix(q, asked) for q in added):
        return None
    if stored["triggers"] != triggers_digest(extra) or stored["edges"] != edges_digest(project.edges()):
        return None
    return str(stored["key"])


def rebind(stored: Sequence[ClassifiedSite], project: Project) -> Optional[List[ClassifiedSite]]:
    """The stored sites, each on this run's resolved site (the same call, match and file), or None."""
    resolved = sorted(project.resolved_sites(), key=lambda r: (r.facts.path, r.site.line, r.site.col))
    if len(resolved) != len(stored):
        return None
    out: List[ClassifiedSite] = []
    for site, now in zip(stored, resolved):
        before = site.resolved
        if before.facts.path != now.facts.path or before.site != now.site or before.match != now.match:
            return None
        out.append(replace(site, resolved=now))
    return out
