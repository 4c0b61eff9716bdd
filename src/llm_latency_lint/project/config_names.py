"""The names configuration gives functions (``scheduled-functions`` and its siblings).

A function is named by its qualified name (``myapp.reports.build_all``). A module file beside a
regular package of its name (``app.py`` beside ``app/``) has no importable name (discovery calls it
``app-py``, ``files/discover``): configuration names its functions by path, ``app.py:summarize``,
and an ``unknown`` site's hint prints that form. The path form works for any scanned file.
"""
from __future__ import annotations

from typing import Iterable, Set

from llm_latency_lint.files.discover import SHADOWED_SUFFIX
from llm_latency_lint.project.graph import Project

PATH_SEPARATOR = ":"  # ``app.py:summarize``: a file's path, then the function's name inside it


def qualified(names: Iterable[str], project: Project) -> Set[str]:
    """``names`` as qualified names: ``app.py:summarize`` -> ``app-py.summarize``; others as written."""
    modules = {facts.path: facts.module for facts in project.files}
    found: Set[str] = set()
    for name in names:
        path, separator, inside = name.rpartition(PATH_SEPARATOR)
        found.add(f"{modules[path]}.{inside}" if separator and path in modules else name)
    return found


def written(qualname: str, project: Project) -> str:
    """How configuration names ``qualname``: by path where its module has no importable name."""
    facts = project.functions[qualname][1] if qualname in project.functions else None
    if facts is None or not facts.module.endswith(SHADOWED_SUFFIX) or not qualname.startswith(facts.module + "."):
        return qualname
    return f"{facts.path}{PATH_SEPARATOR}{qualname[len(facts.module) + 1:]}"
