"""Each caller's edges kept with the nodes its queries read, so a graph started from the stored
state builds again only the callers whose inputs may have changed.

A caller's (an owner's) edges are a function of its facts, the node values its queries read, the
symbol-table names they looked up and two project-wide answers (the tasks named by a dotted path,
``EdgeBuilder._tasks_by_name``; the functions defined more than once). The stored run records, per
owner, its edges, which of its calls had an untyped receiver (the name-based fallback's input) and
every node it read with the size of its value then. A started run keeps an owner's edges when its
file's facts are unchanged and every node it read holds as many atoms as then: values only grow,
so an equal size is an equal value, and the queries would read and answer the same. The names the
queries looked up are one set for all owners (``Evaluator.query_notes``): a new function any of
them looked up, or the project-wide answers changed, builds every owner again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from llm_latency_lint.project.solver import NodeKey
from llm_latency_lint.project.values import Atom

# (src, dst, kind, path, line, waited, note, by_name, handoff, containers): ``edges.Edge`` as stored
EdgeRow = Tuple[str, str, str, str, int, bool, str, bool, bool, Tuple[str, ...], bool]
Owner = Tuple[str, str]  # (path, qualname)


@dataclass
class OwnerEdges:
    edges: List[EdgeRow]
    untyped: List[int]  # indices into the function's calls whose receiver had no known value
    reads: List[Tuple[NodeKey, int]]  # each node its queries read, with its value's size then


@dataclass
class Recorded:
    """What the edges of a whole build leave for the next edit."""

    owners: Dict[Owner, OwnerEdges] = field(default_factory=dict)
    by_name: FrozenSet[Tuple[str, int]] = frozenset()


@dataclass
class KeptEdges:
    """The stored owners' edges a started graph may keep (``state.Start``)."""

    owners: Dict[Owner, OwnerEdges]
    by_name: FrozenSet[Tuple[str, int]]
    changed: Set[str]  # paths whose facts changed: their owners are built again
    kept: int = 0
    built: int = 0

    def get(self, path: str, qualname: str, values: Dict[NodeKey, Set[Atom]]) -> Optional[OwnerEdges]:
        found = None if path in self.changed else self.owners.get((path, qualname))
        if found is not None:
            for node, size in found.reads:
                value = values.get(node)
                if value is None or len(value) != size:
                    found = None
                    break
        if found is None:
            self.built += 1
        else:
            self.kept += 1
        return found


def encode(recorded: Recorded, node_index: Dict[NodeKey, int]) -> object:
    """Plain values for ``marshal``; nodes as indices into the stored values."""
    return {
        "owners": [(path, qual, rec.edges, rec.untyped, [node_index[n] for n, _ in rec.reads], [s for _, s in rec.reads])
                   for (path, qual), rec in recorded.owners.items()],
        "by_name": sorted(recorded.by_name),
    }


def decode(plain: object, nodes: List[NodeKey], changed: Set[str]) -> KeptEdges:
    assert isinstance(plain, dict)
    owners: Dict[Owner, OwnerEdges] = {}
    for path, qual, rows, untyped, read, sizes in plain["owners"]:
        owners[(str(path), str(qual))] = OwnerEdges(
            [(*r[:9], tuple(r[9]), bool(r[10])) for r in rows], list(untyped), [(nodes[i], s) for i, s in zip(read, sizes)])
    return KeptEdges(owners, frozenset((str(p), int(n)) for p, n in plain["by_name"]), changed)
