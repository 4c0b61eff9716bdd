"""Which project modules can share one running program: both in the import closure of some module.

A process loads its entry module and what that imports, transitively, so an object of a class
defined in module ``K`` reaches code in module ``M`` only when some module's import closure holds
both (``M`` itself importing ``K``, a caller of ``M`` importing ``K``, a ``main`` importing both).
A weekly backup script that imports only its database driver shares no program with the bot's
package, so its ``session.run(...)`` can never hold the bot's object. The name-based fallback
(``byname``) asks this for method names libraries share with project classes. Imports are read
generously (a package import counts as importing every module under it; a name imported from a
module, the module), so the answer errs towards "may share".
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Dict, FrozenSet, List, Set

from llm_latency_lint.model import FileFacts


class Programs:
    def __init__(self, files: List[FileFacts], aliases: Dict[str, str]) -> None:
        modules = sorted({f.module for f in files})
        known = set(modules)
        self._imports: Dict[str, Set[str]] = {}
        for facts in files:
            found = self._imports.setdefault(facts.module, set())
            for value in facts.imports.values():
                parts = value.split(".")
                prefixes = [aliases.get(p, p) for p in (".".join(parts[:i]) for i in range(1, len(parts) + 1))]
                found.update(m for m in prefixes if m in known)
                name = prefixes[-1]
                at = bisect_left(modules, name + ".")  # ``import pkg``: ``pkg.sub.f()`` runs too
                while at < len(modules) and modules[at].startswith(name + "."):
                    found.add(modules[at])
                    at += 1
            found.discard(facts.module)
        self._importers: Dict[str, Set[str]] = {}
        for module, imported in self._imports.items():
            for other in imported:
                self._importers.setdefault(other, set()).add(module)
        self._importers_of: Dict[str, FrozenSet[str]] = {}

    def importers(self, module: str) -> FrozenSet[str]:
        """``module`` and every project module importing it, transitively: the entries that load it."""
        if module not in self._importers_of:
            self._importers_of[module] = _walk(module, self._importers)
        return self._importers_of[module]

    def may_share(self, a: str, b: str) -> bool:
        """Does some module's import closure hold both ``a`` and ``b``?"""
        return not self.importers(a).isdisjoint(self.importers(b))


def _walk(start: str, graph: Dict[str, Set[str]]) -> FrozenSet[str]:
    seen = {start}
    stack = [start]
    while stack:
        for nxt in graph.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return frozenset(seen)
