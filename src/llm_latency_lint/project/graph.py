"""The project graph: all files' facts joined, values propagated to a fixpoint, call edges.

``symbols`` joins the facts; ``evaluate`` defines what each name, attribute, parameter and return
holds (sets of ``values.Atom``) and ``solver`` propagates them with a worklist; ``bindings``
seeds the whole-project rules (arguments, decorators, subclasses); ``edges`` matches call sites
against the provider catalog and builds caller -> callee edges from the solved values.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple

from llm_latency_lint.catalog.providers.http import self_hosted
from llm_latency_lint.model import (
    ClassFacts,
    Expr,
    FileError,
    FileFacts,
    FunctionFacts,
    Trigger,
)
from llm_latency_lint.project import state
from llm_latency_lint.project.bindings import Bindings
from llm_latency_lint.project.byname import ByName
from llm_latency_lint.project.called_tasks import called_to_queue, queue_called_tasks
from llm_latency_lint.project.consulted import Consulted
from llm_latency_lint.project.edges import Edge, EdgeBuilder, ResolvedSite, Sites
from llm_latency_lint.project.evaluate import Evaluator
from llm_latency_lint.project.handoff_helpers import hand_off_through_helpers
from llm_latency_lint.project.http_hops import HttpHops
from llm_latency_lint.project.modules import COMPUTED_NOTE
from llm_latency_lint.project.receivers import Receivers
from llm_latency_lint.project.symbols import Symbols
from llm_latency_lint.project.values import Values
from llm_latency_lint.project.work_queues import feed_workers

__all__ = ["Edge", "GraphInput", "Project", "ResolvedSite", "DEFAULT_BUDGET"]

@dataclass
class GraphInput:
    """What a run knows of the stored graph: the last state stored (plain, or None), what the
    result depends on besides the facts (``context``) and each kept file's facts hash."""

    previous: object
    context: str
    hashes: Dict[str, str]
    keep: bool = True  # store this run's state (not for an editor's unsaved buffers)
    solved: object = None  # this run's state to store, set after the graph answered every query
    classes: object = None  # the run before's classification record (``classify_reuse``), plain
    classified: object = None  # this run's record to store


# Seconds the propagation may take before it stops with the values it has (and says so).
DEFAULT_BUDGET = 120.0


class Project:
    def __init__(
        self,
        files: List[FileFacts],
        wrappers: Optional[Dict[str, Tuple[str, str]]] = None,
        budget: Optional[float] = DEFAULT_BUDGET,
        stored: Optional[GraphInput] = None,
    ) -> None:
        self.wrappers = dict(wrappers or {})  # qualname -> (provider, op)
        self.symbols = Symbols.build(files)
        self.files = self.symbols.files  # scripts' imports of renamed siblings resolved (``scripts``)
        self.budget = budget
        self.evaluator = Evaluator(self.symbols, budget)
        self.bindings = Bindings(self.evaluator)
        self.stored = stored
        self.start = state.Start.check(stored.previous, stored.context, stored.hashes, self.symbols) if stored else None
        if self.start is not None:  # only functions nothing looked up were added: from the stored state
            self.start.restore(self.evaluator, self.bindings)
            self.bindings.seed(state.added_functions(self.start))
        else:
            self.bindings.seed()
        self.receivers = Receivers(self.symbols, self.bindings)
        self.evaluator.solver.solve()
        self.evaluator.settled = not self.evaluator.solver.stopped
        self._sites = Sites(self.evaluator, self.wrappers, self.bindings)
        self._edges = EdgeBuilder(self.evaluator, self.bindings)
        self._resolved: Optional[List[ResolvedSite]] = None
        self._edge_map: Optional[Dict[str, List[Edge]]] = None
        self._hops: Optional[Dict[str, List[Edge]]] = None

    def counts(self, trigger: Trigger) -> bool:
        """A trigger of a candidate view (``Trigger.view``) counts only if the class is a view; a
        candidate listener (``Trigger.receiver``) only if a framework built its receiver."""
        if trigger.receiver and not self.receivers.built_by(
                trigger.receiver, trigger.receiver_roots):
            return False
        return not trigger.view or self.evaluator.classes.is_view(trigger.view)

    # ---- tables ----------------------------------------------------------------------
    @property
    def functions(self) -> Dict[str, Tuple[FunctionFacts, FileFacts]]:
        return self.symbols.functions

    @property
    def classes(self) -> Dict[str, ClassFacts]:
        return self.symbols.classes

    @property
    def modules(self) -> Dict[str, FileFacts]:
        return self.symbols.modules

    # ---- lookups ---------------------------------------------------------------------
    def value(self, expr: Expr) -> Values:
        """What ``expr`` can hold, solved."""
        return self.evaluator.solver.query(lambda: self.evaluator.eval(expr))

    def resolve_function(self, target: Expr) -> List[str]:
        """Project functions a trigger or edge target names."""
        if not target:
            return []
        if target[0] == "str":
            named = self.symbols.resolve_dotted(str(target[1])) or self.symbols.resolve_by_name(str(target[1]))
            held = self.symbols.resolve_global(str(target[1])) if not named else None
            if held is not None:  # ``handler = Handler().handler``: the bound method the global holds
                return self.resolve_function(["name", held])
            return named
        found = self.evaluator.solver.query(lambda: self.evaluator.callables(self.evaluator.eval(target)), "trigger")
        if target[0] == "param":
            found += [q for q in self.bindings.passed_as(target) if q not in found]
            found += [q for q in self._passed_names(target) if q not in found]
        return found

    def _passed_names(self, param: Expr) -> List[str]:
        """Task names callers pass for a parameter (``schedule(NUDGE_TASK)`` with ``NUDGE_TASK =
        "app.tasks.nudge"``): the functions those strings name, as for a beat entry's ``task``."""
        found: List[str] = []
        for name in (n for n in self.bindings.passed_strings(param) if "." in n):
            found += self.symbols.resolve_dotted(name) or self.symbols.resolve_by_name(name)
        return found

    def arguments_for(self, param: Expr) -> List[Tuple[str, Expr]]:
        return self.bindings.arguments_for(param)

    def resolved_sites(self) -> List[ResolvedSite]:
        """The matched sites, less requests told by path and body alone (``/api/v1/generate``) that
        reach a route the project serves itself: the hop carries them to what the route runs."""
        if self._resolved is None:
            hops = {(e.path, e.line) for edges in self.own_route_hops().values() for e in edges}
            self._resolved = [r for r in self._sites.resolved()
                              if (r.facts.path, r.site.line) not in hops or not self_hosted(r.match.operation)]
        return list(self._resolved)

    def own_route_hops(self) -> Dict[str, List[Edge]]:
        """HTTP calls to the project's own routes (``http_hops``), by caller. Computed once."""
        if self._hops is None:
            self._hops = HttpHops(self.symbols, self.resolve_function).edges()
        return self._hops

    def edges(self) -> Dict[str, List[Edge]]:
        """Caller -> callee edges from the solved values, plus the name-based fallback's links
        (``byname``) where a method's receiver has no known value, and HTTP calls to the project's
        own routes (``http_hops``). Computed once."""
        if self._edge_map is None:
            typed = self._edges.edges(self.start.edges if self.start is not None else None)
            mark_computed(typed, self.evaluator.computed)  # "imported by a computed name under `stages`"
            queue_called_tasks(typed, called_to_queue(self.symbols.files))  # a Huey task's call queues it
            hand_off_through_helpers(typed, self.symbols, self._edges.targets)  # ``run_in_thread(reply(m))``
            feed_workers(typed, self.evaluator)  # ``q.put(item)``: the worker thread taking from ``q`` runs it
            sites = {r.site.function for r in self.resolved_sites()}
            self._edge_map = ByName(self.evaluator, typed, self._edges.untyped, sites).extend()
            for src, hops in self.own_route_hops().items():
                self._edge_map.setdefault(src, []).extend(hops)  # requests to the project's own routes
        return self._edge_map

    @property
    def edge_notes(self) -> Consulted:
        """The names the edge queries of this run looked up (``owners``)."""
        return self._edges.notes

    def bind_entry_points(self, triggers: Iterable[Tuple[Trigger, FileFacts]]) -> Dict[str, List[Tuple[Trigger, FileFacts]]]:
        """Entry points by key ("script:path", "module:pkg.mod", "command:name")."""
        found: Dict[str, List[Tuple[Trigger, FileFacts]]] = {}
        for trigger, facts in triggers:
            if trigger.entry_key:
                found.setdefault(trigger.entry_key, []).append((trigger, facts))
                if trigger.entry_key.startswith("script:"):
                    found.setdefault(f"module:{facts.module}", []).append((trigger, facts))
                    if facts.module.endswith(".__main__"):  # ``python -m pkg`` runs pkg/__main__.py
                        found.setdefault(f"module:{facts.module[:-len('.__main__')]}", []).append((trigger, facts))
        return found

    def state(self) -> Optional[object]:
        """The solved graph as plain values to store (``state``), unless the budget cut it short."""
        if self.stored is None or self.evaluator.solver.stopped:
            return None
        entries = self.start.entries if self.start is not None else state.file_entries(
            self.symbols, self.stored.hashes, self.stored.previous if isinstance(self.stored.previous, dict) else None)
        edges = (self._edges.recorded, self._edges.notes) if self._edge_map is not None else None
        return state.encode(self.evaluator, self.bindings, self.stored.context, self.stored.hashes, entries, edges)

    # ---- the budget ------------------------------------------------------------------
    @property
    def cut_short(self) -> List[str]:
        """Project functions and classes whose values or edges were not solved to the end (the
        budget ran out); a module-level name stands for its module's ``<module>`` code."""
        s = self.symbols
        found = set()
        for owner in self.evaluator.solver.cut_short:
            if owner in s.functions or owner in s.classes:
                found.add(owner)
            elif owner in s.globals:
                module = owner.rsplit(".", 1)[0]
                found.add(f"{module}.<module>" if f"{module}.<module>" in s.functions else owner)
        return sorted(found)

    def budget_errors(self) -> List[FileError]:
        """One error per file whose functions were cut short, naming them (never a silent drop)."""
        by_file: Dict[str, List[str]] = {}
        for owner in self.cut_short:
            by_file.setdefault(self.symbols.file_of(owner) or "<project>", []).append(owner)
        errors = []
        for path, owners in sorted(by_file.items()):
            shown = ", ".join(owners[:10]) + (f" and {len(owners) - 10} more" if len(owners) > 10 else "")
            errors.append(FileError(path, (
                f"project graph: the {self.budget:g} s time budget ran out; what {shown} can call or hold "
                "was resolved only in part, so call sites they reach may be classified from incomplete edges"
            )))
        return errors


def mark_computed(edges: Dict[str, List[Edge]], computed: Dict[str, str]) -> None:
    """Call edges to a function of a module a computed import loaded say so in their note."""
    for found in edges.values():
        for edge in found:
            if edge.kind == "call" and edge.dst in computed and not edge.note:
                edge.note = f"{COMPUTED_NOTE}`{computed[edge.dst]}`"
