"""The project functions calling a value runs: the targets of a call edge.

A function (and, for a method looked up on an instance, its overrides in every subclass: the
receiver may be one), a class's ``__init__``, an object's ``__call__``, and each member of a
container called through (``HANDLERS[name](...)``); a lookup (``HANDLERS.get(name)``) or a
queryset's method (``project/orm.py``) runs nothing itself.
"""
from __future__ import annotations

from typing import Dict, List, Protocol

from llm_latency_lint.catalog.dispatch import LOOKUP_METHODS
from llm_latency_lint.project import orm
from llm_latency_lint.project.classes import Hierarchy
from llm_latency_lint.project.values import Kind, Values, ordered


class Evaluator(Protocol):
    """What ``callables`` asks of ``evaluate.Evaluator``."""

    classes: Hierarchy

    def members(self, key: str) -> Values: ...


def callables(ev: Evaluator, values: Values) -> List[str]:
    """Project functions that calling ``values`` runs, in a stable order."""
    found: Dict[str, None] = {}
    for atom in ordered(values):
        if atom.kind is Kind.MULTI:
            if atom.path and (atom.path[0] in LOOKUP_METHODS or orm.model_of(atom)):
                continue  # ``HANDLERS.get(name)`` looks up; calling what it returns is the edge
            for member in ordered(ev.members(atom.name)):
                if member.kind is not Kind.MULTI:
                    found.update(dict.fromkeys(callables(ev, {member})))
        elif atom.kind is Kind.FUNC:
            found[atom.name] = None
            if atom.path:  # a method looked up on an instance of atom.path[0]
                found.update(dict.fromkeys(ev.classes.overrides(atom.path[0], atom.name.rsplit(".", 1)[-1])))
        elif atom.kind is Kind.CLASS:
            init = ev.classes.method(atom.name, "__init__")  # its own or the one it inherits
            if init:
                found[init] = None
        elif atom.kind is Kind.OBJ:
            call = ev.classes.method(atom.name, "__call__")
            if call:
                found[call] = None
    return list(found)
