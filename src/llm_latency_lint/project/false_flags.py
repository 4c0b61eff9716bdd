"""Blocks behind a module's false flag that no other module sets (``facts/flag_branches.py``):
``ENABLE_VOICE = False`` in ``tasks.py``, ``if ENABLE_VOICE: voice.delay(v)`` there, and nothing in
the project writing ``tasks.ENABLE_VOICE = ...``. The calls in such a block are no edges, and a
call site there is dead, with the flag and its binding as the reason.

Another module sets the flag when its facts hold an assignment to a module attribute of the
flag's name (``import tasks; tasks.ENABLE_VOICE = True``, through any alias of the module, alone or
in a tuple target) or a ``setattr`` naming it in a literal (``setattr(tasks, "ENABLE_VOICE", v)``,
``monkeypatch.setattr``): then the block is live. Test files count too (they may set it for the
code they run). Writes the facts cannot name (``setattr(mod, name, ...)`` with a computed name)
are not seen. A trigger declared in a dead block (``if ENABLE: scheduler.add_job(job, ...)``)
is never registered: it starts nothing (``live_triggers``).
"""
from __future__ import annotations

import ast
from typing import Dict, List, Sequence, Set, Tuple

from llm_latency_lint.model import CallRef, FileFacts, FlagBranch, Trigger
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.graph import Project

__all__ = ["dead_blocks", "flag_dead", "live_triggers", "set_elsewhere"]

Spot = Tuple[str, int, int]  # a call site's path, line and column
Blocks = Dict[str, List[Tuple[FlagBranch, str]]]  # path -> its dead flag blocks, each with why


def set_elsewhere(project: Project) -> Set[str]:
    """The last segment of every module attribute some code assigns from outside its module
    (``tasks.ENABLE = True``: ``ENABLE``). By name alone, as a module may be named otherwise where
    it is imported (a script's folder on ``sys.path``): a flag of that name anywhere stays live."""
    found: Set[str] = set()
    for facts in project.files:
        own = facts.module + "."
        found.update(name.rsplit(".", 1)[-1] for name in facts.globals
                     if "." in name and not (name.startswith(own) and "." not in name[len(own):]))
        found.update(name for fn in facts.functions.values() for name in map(_setattr_name, fn.calls) if name)
    return found


def _setattr_name(ref: CallRef) -> str:
    """The literal attribute name a ``setattr(obj, "NAME", value)`` call writes ("" if none)."""
    if ref.kind != "call" or not ref.shape or ref.shape[0] != "setattr" or not ref.values or len(ref.values) != 3:
        return ""
    try:
        name = ast.literal_eval(ref.values[1])
    except (ValueError, SyntaxError):
        return ""
    return name if isinstance(name, str) else ""


def _why(facts: FileFacts, branch: FlagBranch) -> str:
    return (f"under `{branch.test} {branch.flag}:` at line {branch.line}: {branch.flag} is bound once, to a false "
            f"literal ({facts.path}:{branch.bound}), and no module sets it")


def dead_blocks(project: Project) -> Blocks:
    """Each file's flag blocks no module sets, each with why."""
    files = [f for f in project.files if f.flag_branches]
    written = set_elsewhere(project) if files else set()
    found = {f.path: [(b, _why(f, b)) for b in f.flag_branches if b.flag not in written] for f in files}
    return {path: dead for path, dead in found.items() if dead}


def _within(blocks: Blocks, path: str, line: int) -> str:
    return next((why for b, why in blocks.get(path, ()) if b.start <= line <= b.end), "")


def live_triggers(blocks: Blocks, triggers: Sequence[Tuple[Trigger, FileFacts]]) -> List[Tuple[Trigger, FileFacts]]:
    """The triggers not declared in a dead block."""
    return [(t, f) for t, f in triggers if not _within(blocks, f.path, t.line)]


def flag_dead(project: Project, edges: Dict[str, List[Edge]], blocks: Blocks,
              ) -> Tuple[Dict[str, List[Edge]], Dict[Spot, str], Dict[str, List[Tuple[Edge, str]]]]:
    """The call edges without those in dead flag blocks (``dead_blocks``), the call sites there ->
    why, and the dropped edges by their callee, each with why (for an unknown site's evidence)."""
    if not blocks:
        return edges, {}, {}
    kept = dict(edges)
    sites: Dict[Spot, str] = {}
    dropped: Dict[str, List[Tuple[Edge, str]]] = {}
    for facts in (f for f in project.files if f.path in blocks):
        for site in facts.call_sites:
            why = _within(blocks, facts.path, site.line)
            if why and not site.unreachable:
                sites[(facts.path, site.line, site.col)] = why
        for qualname in facts.functions:
            live: List[Edge] = []
            for edge in kept.get(qualname, ()):
                why = _within(blocks, facts.path, edge.line) if edge.path == facts.path else ""
                if why:
                    dropped.setdefault(edge.dst, []).append((edge, why))
                else:
                    live.append(edge)
            if qualname in kept:
                kept[qualname] = live
    return kept, sites, dropped
