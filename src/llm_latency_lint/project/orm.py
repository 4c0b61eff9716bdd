"""Django querysets as values: ``Post.objects.filter(...)`` holds ``Post`` instances.

A project model's manager (``catalog/orm.MANAGERS`` on a class whose bases reach a Django model
base) is the container atom ``queryset:<model>``: a queryset method called on it (``filter``,
``all``, ``order_by``) gives the queryset again, an instance method (``get``, ``create``,
``first``) and an element (``for post in qs``, ``qs[0]``) an instance of the model, whose methods
the call edges then reach. Any other attribute (``update``, ``count``, ``values``) is the
database's and holds nothing to follow. A manager the model sets itself (``objects =
PostManager()``) is read as well, beside the queryset (``evaluate``): its own methods run.
"""
from __future__ import annotations

from typing import List, Optional

from llm_latency_lint.catalog.orm import INSTANCE_METHODS, MANAGERS, QUERYSET_METHODS
from llm_latency_lint.model import Expr
from llm_latency_lint.project.classes import Hierarchy
from llm_latency_lint.project.values import EMPTY, Atom, Kind, Values

QUERYSET = "queryset:"
_METHODS = QUERYSET_METHODS | INSTANCE_METHODS


def model_of(atom: Atom) -> Optional[str]:
    """The model a queryset atom holds, else None."""
    return atom.name[len(QUERYSET):] if atom.kind is Kind.MULTI and atom.name.startswith(QUERYSET) else None


def manager(classes: Hierarchy, kind: str, cls: str, name: str) -> Values:
    """``Post.objects`` on a project model: a queryset of ``Post``; otherwise nothing."""
    if kind != Kind.CLASS.value or name not in MANAGERS or not classes.is_model(cls):
        return EMPTY
    return {Atom(Kind.MULTI, QUERYSET + cls)}


def attribute(atom: Atom, name: str) -> Values:
    """A queryset's method, pending its call; nothing for the database's own (``update``)."""
    return {Atom(Kind.MULTI, atom.name, (name,))} if name in _METHODS else EMPTY


def called(classes: Hierarchy, atom: Atom) -> Values:
    """``qs.filter(...)``: the queryset again; ``qs.get(...)``: an instance of its model."""
    model = model_of(atom)
    if not model or not atom.path:
        return EMPTY
    return {Atom(Kind.MULTI, atom.name)} if atom.path[0] in QUERYSET_METHODS else {classes.class_instance(model)}


def element(classes: Hierarchy, atom: Atom) -> Values:
    """``for post in qs`` / ``qs[0]``: an instance of the queryset's model."""
    model = model_of(atom)
    return {classes.class_instance(model)} if model else EMPTY


def member_exprs(key: str) -> List[Expr]:
    """What a queryset holds, as the ``members`` node reads it: instances of its model."""
    return [["type", key[len(QUERYSET):]]] if key.startswith(QUERYSET) else []
