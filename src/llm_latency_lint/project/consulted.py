"""The symbol-table names the solved graph looked up, so an edit can tell what it may change.

A rule's value depends on the facts it reads through the table: an entry that was there (a
function, a class, a module-level name) and every name looked up and found absent. The solver's
rules note the names they look up here (at the lookup helpers, not on every dict access): a name
stands for the entries named by it and by its dotted prefixes (``resolve_name`` walks them);
``under`` holds prefixes whose whole subtree was listed (the methods of a class matched by a
pattern, the modules of a package a computed import loads); ``methods`` holds method names looked
up in every class (a ``Protocol``'s implementers); ``scan`` says a whole table was searched. A new entry no stored rule looked up cannot change what they computed.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Iterable, List, Set


@dataclass
class Consulted:
    names: Set[str] = field(default_factory=set)
    under: Set[str] = field(default_factory=set)
    methods: Set[str] = field(default_factory=set)
    scan: bool = False

    def plain(self) -> List[object]:
        return [sorted(self.names), sorted(self.under), sorted(self.methods), self.scan]

    @classmethod
    def from_plain(cls, value: List[object]) -> "Consulted":
        names, under, methods, scan = value
        assert isinstance(names, list) and isinstance(under, list) and isinstance(methods, list) and isinstance(scan, bool)
        return cls(set(map(str, names)), set(map(str, under)), set(map(str, methods)), scan)


class Lookup:
    """Answers "did anything look ``name`` up?" against a stored ``Consulted``."""

    def __init__(self, consulted: Consulted) -> None:
        self.sorted = sorted(consulted.names)
        self.names = consulted.names
        self.under = consulted.under
        self.methods = consulted.methods
        self.scan = consulted.scan

    def touched(self, name: str) -> bool:
        """True when ``name`` was looked up, or a name below it (``name`` is its dotted prefix, or
        the function owning a local ``name#x``), or a listed subtree holds it, or a table was scanned."""
        if self.scan or name in self.names or name.rpartition(".")[2] in self.methods:
            return True
        for sep in (".", "#"):
            at = bisect_left(self.sorted, name + sep)
            if at < len(self.sorted) and self.sorted[at].startswith(name + sep):
                return True
        parts = name.split(".")
        return any(".".join(parts[:cut]) in self.under for cut in range(1, len(parts)))

    def any_touched(self, names: Iterable[str]) -> bool:
        return any(self.touched(n) for n in names)
