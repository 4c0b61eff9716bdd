"""What the prefilter's ``select`` reads off a file's text, each answer remembered.

``select`` depends on every file's summary and on a few views of some files' texts (the bases
of their classes, the modules they name outside imports, two runner markers; their exports go
through ``exports``' memo). ``Reads`` answers those questions and keeps the answers: they are the
selection's dependencies, stored with it (``collect``), so a later run whose summaries are equal
reuses the selection when every answer it depended on is still the same for the files that
changed, and selects again otherwise. ``select`` is deterministic, so equal answers mean an
equal selection, whatever changed elsewhere in those texts (a comment, a function body).
"""
from __future__ import annotations

import re
from typing import Callable, Dict, List, Set, Union

Answer = Union[bool, List[str]]  # plain and comparable: sorted names or a flag

_CLASS_BASES = re.compile(r"^[ \t]*class[ \t]+\w+[ \t]*\(([^)]*)\)", re.MULTILINE)
_WORD = re.compile(r"[^\W\d]\w*")


def base_names(text: str) -> Set[str]:
    """Every word in the bases of the classes ``text`` defines: a class some relevant file
    subclasses may dispatch to an LLM call, so its importers are kept."""
    return {word for bases in _CLASS_BASES.findall(text) for word in _WORD.findall(bases)}


def loads_modules(text: str) -> bool:
    """Loads project files as modules at run time (a plugin folder run by a ``__main__`` script:
    ``importlib.util.module_from_spec``), so it may run any relevant module's functions."""
    return "module_from_spec" in text


def runs_other_dags(text: str) -> bool:
    """An Airflow DAG that starts other DAGs (``TriggerDagRunOperator``, a task's dataset
    ``outlets``): they name DAG ids and dataset URIs, not modules, so its schedule may run any
    relevant DAG."""
    return "TriggerDagRunOperator" in text or "outlets" in text


class Reads:
    """Answers of the named views (``views``: name -> function of a text) per file, each
    computed once; ``answers`` holds them in plain form for storing and comparing."""

    def __init__(self, text_of: Callable[[str], str], views: Dict[str, Callable[[str], object]]) -> None:
        self.text_of = text_of
        self.views = views
        self.answers: Dict[str, Dict[str, Answer]] = {}
        self._values: Dict[str, Dict[str, object]] = {}

    def ask(self, key: str, view: str) -> object:
        found = self._values.setdefault(key, {})
        if view not in found:
            value = found[view] = self.views[view](self.text_of(key))
            self.answers.setdefault(key, {})[view] = plain(value)
        return found[view]


def plain(value: object) -> Answer:
    if isinstance(value, bool):
        return value
    if isinstance(value, (set, frozenset, list, tuple)):
        return sorted(str(v) for v in value)
    raise TypeError(f"a text view answers a flag or names, not {type(value).__name__}")


__all__ = ["Answer", "Reads", "base_names", "loads_modules", "plain", "runs_other_dags"]
