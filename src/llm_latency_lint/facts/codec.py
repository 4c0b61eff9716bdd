"""Facts and results as plain tuples, for ``marshal`` (see ``store``).

Why not JSON plus ``FileFacts.from_dict``: on crewAI (1,081 cached files) decoding JSON and
building the dataclasses by keyword, checking every expression, took 0.45 s of CPU; ``marshal``
of positional tuples takes 0.11 s (gc paused in both). Positions are safe because the store's
namespace hashes this package's source: a changed field order is a new namespace, never a
misread entry. Expressions are checked once, when an entry is written (``checked``).

Results (the classified sites of a run) hold types from the graph, which this stage may not
import: ``Codec`` takes the list of dataclasses it may build from its caller (the engine), and
builds nothing else, so a tampered store can name no other type.
"""
from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any, Callable, Dict, Mapping, Sequence, Tuple

from llm_latency_lint.expr import validate
from llm_latency_lint.model import (
    CallRef,
    CallSite,
    ClassFacts,
    FileFacts,
    FlagBranch,
    FunctionFacts,
    Mount,
    Request,
    Route,
    Sink,
    Trigger,
)

Plain = Any  # str, int, bool, None, and tuples, lists and dicts of them: what marshal writes


def encode_facts(facts: FileFacts) -> Tuple[Plain, ...]:
    """``facts`` as one tuple of its fields in declaration order (nested dataclasses likewise)."""
    return (
        facts.path, facts.module, facts.imports, facts.globals,
        {k: _function(fn) for k, fn in facts.functions.items()},
        {k: _fields(cls) for k, cls in facts.classes.items()},
        [_fields(s) for s in facts.call_sites], [_fields(t) for t in facts.triggers], [_fields(s) for s in facts.sinks],
        facts.task_names, facts.noqa, facts.error, facts.containers,
        [_fields(r) for r in facts.routes], [_fields(m) for m in facts.mounts], [_fields(r) for r in facts.requests],
        facts.path_roots, [_fields(b) for b in facts.flag_branches], facts.attr_writes,
    )


def decode_facts(data: Tuple[Plain, ...]) -> FileFacts:
    """The inverse of ``encode_facts``; a wrong shape raises (TypeError, ValueError), a miss."""
    (path, module, imports, globals_, functions, classes, sites, triggers, sinks, task_names, noqa, error,
     containers, routes, mounts, requests, path_roots, flag_branches, attr_writes) = data
    return FileFacts(
        path, module, imports, globals_,
        {k: _decode_function(v) for k, v in functions.items()},
        {k: ClassFacts(*v) for k, v in classes.items()},
        [CallSite(*s) for s in sites], [Trigger(*t) for t in triggers], [Sink(*s) for s in sinks],
        task_names, noqa, error, containers,
        [Route(*r) for r in routes], [Mount(*m) for m in mounts], [Request(*r) for r in requests],
        path_roots, [FlagBranch(*b) for b in flag_branches], attr_writes,
    )


def checked(facts: FileFacts) -> FileFacts:
    """``facts`` after checking every expression (``expr.validate``): done once, when written."""
    for expression in facts.expressions():
        validate(expression)
    return facts


def encode_trigger(trigger: Trigger) -> Tuple[Plain, ...]:
    return _fields(trigger)


def _function(fn: FunctionFacts) -> Tuple[Plain, ...]:
    values = _fields(fn)
    return (*values[:5], [_fields(c) for c in fn.calls], *values[6:])


def _decode_function(row: Sequence[Plain]) -> FunctionFacts:
    """A ``FunctionFacts`` from its fields, its calls (field 5) as ``CallRef``s."""
    fields = list(row)
    fields[5] = [CallRef(*c) for c in row[5]]
    return FunctionFacts(*fields)


def _fields(obj: object) -> Tuple[Plain, ...]:
    return _getter(type(obj))(obj)


_GETTERS: Dict[type, "attrgetter[Any]"] = {}


def _getter(cls: type) -> "attrgetter[Any]":
    """The fields of ``cls`` in declaration order, read in one call (``dataclasses.fields`` per
    object was most of the time of encoding a run's site files)."""
    getter = _GETTERS.get(cls)
    if getter is None:
        getter = _GETTERS[cls] = attrgetter(*[f.name for f in dataclasses.fields(cls)])
    return getter


assert [f.name for f in dataclasses.fields(FunctionFacts)][5] == "calls"  # _function's slice
assert len(dataclasses.fields(FileFacts)) == 19  # encode_facts's tuple


# ---- results ---------------------------------------------------------------------------
# Tags of the encoded tree: every tuple in it is tagged, so lists, dicts and scalars pass as is.
_DATACLASS, _TUPLE, _REF, _FROZENSET = "d", "t", "r", "f"


class Codec:
    """A tree of the given dataclasses (lists, tuples, dicts, scalars between them) to plain
    values and back. ``refs`` maps a type to (its key, a name): such objects are written as the
    key and read back through the caller's lookup for that name (a ``FileFacts`` by path, a
    catalog ``Provider`` by id), so they are neither copied nor trusted from disk."""

    def __init__(self, classes: Sequence[type], refs: Mapping[type, Tuple[str, Callable[[Any], str]]]) -> None:
        self.classes: Dict[str, type] = {}
        for cls in classes:
            if not dataclasses.is_dataclass(cls) or any(not f.init for f in dataclasses.fields(cls)):
                raise TypeError(f"{cls!r} is not a dataclass built from its fields")
            self.classes[cls.__qualname__] = cls
        self.refs = refs
        self._names = {id(cls): [f.name for f in dataclasses.fields(cls)] for cls in classes}

    def encode(self, value: Any) -> Plain:
        if value is None or isinstance(value, (str, int, float)):
            return value
        kind = type(value)
        if kind in self.refs:
            name, key = self.refs[kind]
            return (_REF, name, key(value))
        if kind is list:
            return [self.encode(v) for v in value]
        if kind is dict:
            return {k: self.encode(v) for k, v in value.items()}
        if kind is tuple:
            return (_TUPLE, [self.encode(v) for v in value])
        if kind is frozenset:
            return (_FROZENSET, sorted(value))
        if id(kind) in self._names and self.classes.get(kind.__qualname__) is kind:
            return (_DATACLASS, kind.__qualname__, [self.encode(getattr(value, n)) for n in self._names[id(kind)]])
        raise TypeError(f"cannot store a {kind.__qualname__}")

    def decode(self, value: Plain, lookup: Mapping[str, Callable[[str], Any]]) -> Any:
        kind = type(value)
        if kind is list:
            return [self.decode(v, lookup) for v in value]
        if kind is dict:
            return {k: self.decode(v, lookup) for k, v in value.items()}
        if kind is not tuple:
            if value is None or kind in (str, int, float, bool):
                return value
            raise TypeError(f"unexpected {kind.__qualname__} in a stored result")
        tag = value[0]
        if tag == _DATACLASS:
            cls = self.classes[value[1]]
            return cls(*[self.decode(v, lookup) for v in value[2]])
        if tag == _TUPLE:
            return tuple(self.decode(v, lookup) for v in value[1])
        if tag == _FROZENSET:
            return frozenset(value[1])
        if tag == _REF:
            found = lookup[value[1]](value[2])
            if found is None:
                raise KeyError(f"stored result names an unknown {value[1]} {value[2]!r}")
            return found
        raise ValueError(f"unknown tag {tag!r} in a stored result")

