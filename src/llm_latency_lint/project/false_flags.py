"""Blocks behind a module's false flag that no other module sets (``facts/flag_branches.py``):
``ENABLE_VOICE = False`` in ``tasks.py``, ``if ENABLE_VOICE: voice.delay(v)`` there, and nothing in
the project writing ``tasks.ENABLE_VOICE = ...``. The calls in such a block are no edges, and a
call site there is dead, with the flag and its binding as the reason.

Another module sets the flag when its facts hold an assignment to a module attribute of the
flag's name (``import tasks; tasks.ENABLE_VOICE = True``, through any alias of the module): then
the block is live. Test files count too (they may set it for the code they run). Writes the facts cannot
name (``setattr(mod, name, ...)`` with a computed module or name) are not seen.
"""
from __future__ import annotations

from typing import Dict, List, Set, Tuple

from llm_latency_lint.model import FileFacts, FlagBranch
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.graph import Project

__all__ = ["flag_dead", "set_elsewhere"]

Spot = Tuple[str, int, int]  # a call site's path, line and column


def set_elsewhere(project: Project) -> Set[str]:
    """The last segment of every module attribute some code assigns from outside its module
    (``tasks.ENABLE = True``: ``ENABLE``). By name alone, as a module may be named otherwise where
    it is imported (a script's folder on ``sys.path``): a flag of that name anywhere stays live."""
    found: Set[str] = set()
    for facts in project.files:
        own = facts.module + "."
        found.update(name.rsplit(".", 1)[-1] for name in facts.globals
                     if "." in name and not (name.startswith(own) and "." not in name[len(own):]))
    return found


def _why(facts: FileFacts, branch: FlagBranch) -> str:
    return (f"under `{branch.test} {branch.flag}:` at line {branch.line}: {branch.flag} is bound once, to a false "
            f"literal ({facts.path}:{branch.bound}), and no module sets it")


def flag_dead(project: Project, edges: Dict[str, List[Edge]],
              ) -> Tuple[Dict[str, List[Edge]], Dict[Spot, str], Dict[str, List[Tuple[Edge, str]]]]:
    """The call edges without those in dead flag blocks, the call sites there -> why, and the
    dropped edges by their callee, each with why (for an unknown site's evidence)."""
    files = [f for f in project.files if f.flag_branches]
    if not files:
        return edges, {}, {}
    written = set_elsewhere(project)
    kept = dict(edges)
    sites: Dict[Spot, str] = {}
    dropped: Dict[str, List[Tuple[Edge, str]]] = {}
    for facts in files:
        dead = [(b, _why(facts, b)) for b in facts.flag_branches if b.flag not in written]
        if not dead:
            continue
        for site in facts.call_sites:
            why = next((w for b, w in dead if b.start <= site.line <= b.end), "")
            if why and not site.unreachable:
                sites[(facts.path, site.line, site.col)] = why
        for qualname in facts.functions:
            live: List[Edge] = []
            for edge in kept.get(qualname, ()):
                why = next((w for b, w in dead if edge.path == facts.path and b.start <= edge.line <= b.end), "")
                if why:
                    dropped.setdefault(edge.dst, []).append((edge, why))
                else:
                    live.append(edge)
            if qualname in kept:
                kept[qualname] = live
    return kept, sites, dropped
