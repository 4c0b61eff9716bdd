"""What a name, attribute, parameter or return can hold: a set of typed atoms.

An expression (see ``model``) evaluates to a set of ``Atom``; the empty set is "unknown".
Sets only grow while the project is solved (``solver``), so every value is the union of all
the assignments that reach it.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import AbstractSet, Iterable, List, Set, Tuple


class Kind(str, Enum):
    FUNC = "func"  # a project function; ``path`` holds the receiver's class for a method on an instance
    CLASS = "class"  # a project class
    OBJ = "obj"  # an instance of a project class
    MODULE = "module"  # a project module
    CLIENT = "client"  # an SDK client type; ``path`` is the attribute path taken from it
    EXTERNAL = "external"  # a name outside the project (a library function, class or module)
    SUPER = "super"  # ``super()`` inside a method of class ``name``
    MULTI = "multi"  # a container or builder keyed ``name``; ``path`` a pending lookup or run method


KIND_ORDER = {kind: at for at, kind in enumerate(Kind)}


@dataclass(frozen=True)
class Atom:
    kind: Kind
    name: str
    path: Tuple[str, ...] = ()

    def sort_key(self) -> Tuple[int, str, Tuple[str, ...]]:
        return (KIND_ORDER[self.kind], self.name, self.path)


Values = AbstractSet[Atom]
EMPTY: Values = frozenset()

# A client's attribute path or an external dotted name longer than this is no SDK operation: it
# only arises from self-referencing assignments (``x = x.parent``), which would otherwise grow
# without end. Dropping such atoms loses nothing the catalog could match.
MAX_PATH = 12

RUNNABLE = "langchain_core.runnables.Runnable"

# What an unannotated parameter or a constructor field takes from its callers; other external
# values stay unknown (a receiver typed as some library's object would hide the catalog fallback).
PASSED_KINDS = frozenset({Kind.CLIENT, Kind.OBJ, Kind.CLASS, Kind.FUNC, Kind.MULTI})


def func(name: str, receiver: str = "") -> Atom:
    return Atom(Kind.FUNC, name, (receiver,) if receiver else ())


def client(name: str, path: Tuple[str, ...] = ()) -> Atom:
    return Atom(Kind.CLIENT, name, path)


def ordered(values: Iterable[Atom]) -> List[Atom]:
    """Atoms in a stable order (kind, name, path): the order of sets depends on string hashing."""
    return sorted(values, key=Atom.sort_key)


def union(parts: Iterable[Values]) -> Set[Atom]:
    out: Set[Atom] = set()
    for part in parts:
        out |= part
    return out


def sdk_objects(values: Iterable[Atom]) -> Set[Atom]:
    """The SDK objects among ``values`` (a local the code adds to may still be one: a Chroma collection)."""
    return {atom for atom in values if atom.kind is Kind.CLIENT}
