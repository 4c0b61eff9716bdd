"""Which project modules can share one running program: both in the import closure of some module.

A process loads its entry module and what that imports, transitively, so an object of a class
defined in module ``K`` reaches code in module ``M`` only when some module's import closure holds
both (``M`` itself importing ``K``, a caller of ``M`` importing ``K``, a ``main`` importing both).
A weekly backup script that imports only its database driver shares no program with the bot's
package, so its ``session.run(...)`` can never hold the bot's object. The name-based fallback
(``byname``) asks this for method names libraries share with project classes. Imports are read
generously (a package import counts as importing every module under it; a name imported from a
module, the module; a module loaded by name at run time, ``project/program_loads.py``, as an
import; a name computed at run time, every module), so the answer errs towards "may share".

Cost stays near-linear: a package import is one edge to the package's subtree node, whose node
has edges to its children (not a copy of the subtree per importer); strongly connected components
are collapsed (iterative Tarjan), and each component's importers are one bitset (a Python int over
the modules) computed once, in topological order.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Set, Tuple

from llm_latency_lint.model import FileFacts
from llm_latency_lint.project.program_loads import EVERY_MODULE, loads

# Node names: a module itself, and a dotted name with everything under it (``import pkg``).
MODULE, SUBTREE = "m:", "t:"
EVERYTHING = "t:"  # the subtree of the empty name: every module (a computed import)


class Programs:
    def __init__(self, files: List[FileFacts], aliases: Dict[str, str]) -> None:
        modules = sorted({f.module for f in files})
        self._aliases = aliases
        self._bit: Dict[str, int] = {m: 1 << i for i, m in enumerate(modules)}
        graph: Dict[str, Set[str]] = {}
        names = _tree(modules, graph)
        by_path = {f.path: f.module for f in files}
        for facts in files:
            found = graph.setdefault(MODULE + facts.module, set())
            for value in [*facts.imports.values(), *loads(facts, by_path)]:
                if value == EVERY_MODULE:
                    found.add(EVERYTHING)
                    continue
                parts = value.split(".")
                prefixes = [aliases.get(p, p) for p in (".".join(parts[:i]) for i in range(1, len(parts) + 1))]
                found.update(MODULE + m for m in prefixes if m in self._bit)
                if prefixes[-1] in names:  # ``import pkg``: ``pkg.sub.f()`` runs too
                    found.add(SUBTREE + prefixes[-1])
            found.discard(MODULE + facts.module)
        self._importers = self._solve(graph)

    def may_share(self, a: str, b: str) -> bool:
        """Does some module's import closure hold both ``a`` and ``b``?"""
        return bool(self._importers.get(a, self._bit.get(a, 0)) & self._importers.get(b, self._bit.get(b, 0)))

    def holds(self, roots: Iterable[str], module: str, subtree: bool = False) -> bool:
        """Does a program importing each of ``roots`` (dotted names, read as ``import root``: its
        packages and the module; with ``subtree``, every module under it too) load ``module``?"""
        bits = 0
        for root in roots:
            parts = root.split(".")
            for i in range(1, len(parts) + 1):
                bits |= self._bit.get(self._aliases.get(".".join(parts[:i]), ".".join(parts[:i])), 0)
            if subtree:
                name = self._aliases.get(root, root)
                bits |= sum(bit for m, bit in self._bit.items() if m.startswith(name + "."))
        return bool(self._importers.get(module, self._bit.get(module, 0)) & bits)

    def _solve(self, graph: Dict[str, Set[str]]) -> Dict[str, int]:
        """Module -> the bitset of modules whose import closure holds it (itself included)."""
        component, order = _components(graph)
        members: List[int] = [0] * len(order)
        succ: List[Set[int]] = [set() for _ in order]
        for node, targets in graph.items():
            c = component[node]
            if node.startswith(MODULE):
                members[c] |= self._bit.get(node[len(MODULE):], 0)
            succ[c].update(component[t] for t in targets if component[t] != c)
        reach = list(members)
        for c in reversed(order):  # Tarjan emits sinks first: reversed, every importer comes first
            for d in succ[c]:
                reach[d] |= reach[c]
        return {node[len(MODULE):]: reach[c] for node, c in component.items() if node.startswith(MODULE)}


def _tree(modules: List[str], graph: Dict[str, Set[str]]) -> Set[str]:
    """Subtree nodes for every dotted prefix of a module (namespace packages too), each with edges
    to its module and its children's subtrees; returns the prefixes."""
    names: Set[str] = set()
    for module in modules:
        parts = module.split(".")
        for i in range(len(parts) + 1):
            name = ".".join(parts[:i])
            names.add(name)
            if i < len(parts):
                graph.setdefault(SUBTREE + name, set()).add(SUBTREE + ".".join(parts[:i + 1]))
        graph.setdefault(SUBTREE + module, set()).add(MODULE + module)
    names.discard("")
    return names


def _components(graph: Dict[str, Set[str]]) -> Tuple[Dict[str, int], List[int]]:
    """Iterative Tarjan: node -> component id, and the ids in the order found (sinks first)."""
    for targets in list(graph.values()):
        for t in targets:
            graph.setdefault(t, set())
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    component: Dict[str, int] = {}
    stack: List[str] = []
    order: List[int] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        while work:
            node, children = work[-1]
            child = next((c for c in children if c not in component), None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    work.append((child, iter(graph[child])))
                else:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                c = len(order)
                order.append(c)
                while True:
                    member = stack.pop()
                    component[member] = c
                    if member == node:
                        break
    return component, order
