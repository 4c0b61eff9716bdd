"""Branches no caller's literal selects: ``fill(video, model="anthropic")`` called only as
``fill(v, "openai")`` never runs its ``if model == "anthropic":`` body (``facts/branches.py``).

A parameter's values are its literal default (where a caller omits it) and every caller's literal
argument. They are unknown, and every branch on them live, when a caller passes another value,
unpacks arguments or reaches the function under another name, when anything but a plain call
reaches it (a callable handed on, a queued task, an HTTP hop), when a trigger, an entry point or a
pragma starts it, or when nothing in the project calls it. Callers are the call edges before this
pass drops any (one pass: a caller under a dead branch still counts, which only keeps more live).
"""
from __future__ import annotations

import ast
import json
from typing import Dict, List, Optional, Sequence, Set, Tuple

from llm_latency_lint.facts.branches import NEGATED
from llm_latency_lint.model import CLASSMETHOD, METHOD, CallRef, FunctionFacts, Trigger
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.graph import Project

Spot = Tuple[str, int, int]  # a call site's path, line and column
Values = Dict[str, Optional[Set[str]]]  # parameter -> the literal reprs it may hold; None: anything


def _holds(test: str, values: List[str], value: str) -> bool:
    """Whether a parameter holding the literal ``value`` passes ``test`` (any doubt: it does)."""
    if test in ("notin", "falsy"):
        return not _holds(NEGATED[test], values, value)
    if test in ("noprefix", "nosuffix"):
        return not _holds(NEGATED[test], values, value) or not _plain(value)
    try:
        held = ast.literal_eval(value)
        if test == "in":
            return any(held == ast.literal_eval(v) for v in values)
        if test == "truthy":
            return bool(held)
        affixes = tuple(ast.literal_eval(v) for v in values)
        if not isinstance(held, str) or not all(isinstance(a, str) for a in affixes):
            return True
        return held.startswith(affixes) if test == "prefix" else held.endswith(affixes)
    except (ValueError, SyntaxError, TypeError):
        return True


def _plain(value: str) -> bool:
    """A string, for the affix tests (``startswith`` on anything else raises: no branch runs)."""
    try:
        return isinstance(ast.literal_eval(value), str)
    except (ValueError, SyntaxError):
        return False


def _shift(project: Project, fn: FunctionFacts, ref: CallRef) -> Optional[int]:
    """How many leading parameters the call binds by its receiver (``self``), if it can tell."""
    mode = fn.params[0] if fn.params else ""
    if mode == CLASSMETHOD or (mode == METHOD and fn.name == "__init__"):
        return 1
    if mode != METHOD:
        return 0
    expr = ref.expr
    if expr and expr[0] == "name":  # ``Cls.method`` resolved as written: unbound, ``self`` passed
        return 0
    receiver = expr[1] if expr and expr[0] == "attr" and isinstance(expr[1], list) else None
    if receiver and receiver[0] == "name":
        name = str(receiver[1])
        return 0 if name in project.classes else None if name in project.functions else 1
    return 1 if receiver else None


def _bind(project: Project, fn: FunctionFacts, ref: CallRef) -> Optional[Dict[str, str]]:
    """Parameter -> the literal (or "" for another value) ``ref`` passes it; None if it cannot tell."""
    shape, params, shift = ref.shape, fn.params, _shift(project, fn, ref)
    if not shape or not params or len(shape) < 2 or shift is None:
        return None
    positional = [p.rstrip("=") for p in params[1:] if p not in ("/", "*", "**") and not p.startswith("kw:")]
    given = int(shape[1])
    values = ref.values or [""] * (given + len(shape) - 2)
    if given > len(positional) - shift or len(values) != given + len(shape) - 2:
        return None
    bound = dict(zip(positional[shift:], values[:given]))
    bound.update(zip(shape[2:], values[given:]))
    return bound


def _caller_values(project: Project, fn: FunctionFacts, edges: Sequence[Edge]) -> Optional[Values]:
    """Each guarded parameter's values over the callers ``edges``; None when any caller is unclear."""
    params = {row[i] for row in fn.guards for i in range(2, len(row), 3)}
    found: Values = {p: set() for p in params}
    for edge in edges:
        caller = project.functions.get(edge.src)
        if edge.kind != "call" or caller is None:
            return None
        written = (fn.name, fn.cls.rsplit(".", 1)[-1] if fn.cls and fn.name == "__init__" else fn.name)
        refs = [c for c in caller[0].calls if c.kind == "call" and c.line == edge.line and c.shape and c.shape[0] in written]
        if len(refs) != 1:
            return None
        bound = _bind(project, fn, refs[0])
        if bound is None:
            return None
        for param in params:
            value = bound.get(param, fn.defaults.get(param))
            current = found[param]
            if value is None or value == "" or current is None:
                found[param] = None
            else:
                current.add(value)
    return found


def _dead(row: List[str], values: Values) -> str:
    """Why the branch ``row`` never runs ("" if it may)."""
    for i in range(2, len(row), 3):
        param, test, literals = row[i], row[i + 1], json.loads(row[i + 2])
        held = values.get(param)
        if held and not any(_holds(test, literals, value) for value in held):
            shown = ", ".join(sorted(held))
            return f"in a branch no caller selects: {param} is only ever {shown}"
    return ""


def dead_branches(project: Project, edges: Dict[str, List[Edge]], started: Set[str],
                  ) -> Tuple[Dict[str, List[Edge]], Dict[Spot, str]]:
    """The call edges without those under dead branches, and the call sites there -> why."""
    guarded = {q: fn for q, (fn, _) in project.functions.items() if fn.guards and fn.params and q not in started}
    if not guarded:
        return edges, {}
    incoming: Dict[str, List[Edge]] = {}
    for found in edges.values():
        for edge in found:
            if edge.dst in guarded:
                incoming.setdefault(edge.dst, []).append(edge)
    ranges: Dict[str, List[Tuple[int, int, str]]] = {}
    for qualname, callers in incoming.items():
        fn = guarded[qualname]
        values = _caller_values(project, fn, callers)
        for row in fn.guards if values else ():
            why = _dead(row, values or {})
            if why:
                ranges.setdefault(qualname, []).append((int(row[0]), int(row[1]), why))
    if not ranges:
        return edges, {}
    kept = dict(edges)
    for qualname, spans in ranges.items():
        if qualname in kept:
            kept[qualname] = [e for e in kept[qualname] if not any(a <= e.line <= b for a, b, _ in spans)]
    sites: Dict[Spot, str] = {}
    for facts in project.files:
        for site in facts.call_sites:
            for a, b, why in ranges.get(site.function, ()):
                if a <= site.line <= b:
                    sites[(facts.path, site.line, site.col)] = why
    return kept, sites


def started_functions(project: Project, triggers: Sequence[Tuple[Trigger, str]]) -> Set[str]:
    """Functions a trigger, an entry point or a pragma starts: their parameters hold anything."""
    found = {q for q, (fn, _) in project.functions.items() if fn.pragma}
    for trigger, _ in triggers:
        if trigger.target and trigger.target[0] != "entry":
            found.update(project.resolve_function(trigger.target))
    return found
