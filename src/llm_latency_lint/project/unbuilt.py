"""Classes nothing outside the tests builds: calls into their methods from other code are no edges.

``run_batch(texts, backend: BatchBackend | None = None)`` dispatches ``backend.submit`` to every
class implementing the protocol; one that no code outside the tests names (no call of the class,
no reference, no string naming it; ``__all__`` and imports are only exports) has no instance at run
time, so its methods run only from the tests (docs/real-world-reach.md, "only tests reach").
Kept: a class with a base (a framework's or the project's) or a decorator other than ``PLAIN_CLASS_DECORATORS`` (a registry or a subclass scan may build
it), a class in a test file, and calls from the class's own methods; every class where the project
builds classes from computed names (``DYNAMIC_LOOKUPS``).
"""
from __future__ import annotations

import re
from typing import Dict, List, Set

from llm_latency_lint.files.testpaths import is_test_path
from llm_latency_lint.model import Expr
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.graph import Project

_OWN = ("self", "super")  # a class's own instance inside its methods: no mention of it
_EXPORTS = "__all__"
# Bases that say nothing of who builds the class (any other, a framework's ``luigi.Task`` or a
# project base, may be found by a subclass scan or a registry).
PLAIN_BASES = frozenset({"object", "ABC", "Generic", "Protocol", "NamedTuple", "TypedDict"})
# Class decorators that shape the class and register it nowhere (any other may build or list it).
PLAIN_CLASS_DECORATORS = frozenset({
    "dataclasses.dataclass", "pydantic.dataclasses.dataclass", "attr.s", "attr.attrs", "attr.define", "attr.frozen",
    "attrs.define", "attrs.frozen", "attrs.mutable", "functools.total_ordering", "typing.final", "typing.runtime_checkable",
})


def _names(expr: object, found: Set[str]) -> None:
    if isinstance(expr, str):
        found.add(re.split(r"[.:]", expr)[-1])
    elif isinstance(expr, list) and not (expr and expr[0] in _OWN):
        for part in expr:
            _names(part, found)


def _mentioned(project: Project) -> Set[str]:
    """Every last name component any expression outside the tests holds (over-inclusive on purpose)."""
    found: Set[str] = set()
    for facts in project.files:
        if is_test_path(facts.path):
            continue
        exported = [values for name, values in facts.globals.items() if name.rsplit(".", 1)[-1] == _EXPORTS]
        for expr in facts.expressions():
            if not any(expr in values for values in exported):
                _names(expr, found)
    return found


# Names of lookups that build a class from a computed name (``getattr(mod, f"{x}Backend")()``,
# ``globals()[name]()``, ``importlib.import_module(path)``): where the project uses one, any class
# may be built, so none is unbuilt. The facts keep a non-literal ``getattr`` and ``globals`` as
# ``["unknown", name]`` and an f-string attribute as a ``*`` pattern.
DYNAMIC_LOOKUPS = frozenset({"getattr", "globals", "vars", "locals", "import_module", "__import__", "locate",
                             "instantiate", "import_string", "import_object"})


def _dynamic(mentioned: Set[str]) -> bool:
    return bool(mentioned & DYNAMIC_LOOKUPS) or any("*" in name for name in mentioned)


def _base_names(bases: List[Expr]) -> Set[str]:
    found: Set[str] = set()
    for base in bases:
        _names(base, found)
    return found - {"name", "item", "attr"}  # the expressions' tags


def unbuilt_classes(project: Project) -> Set[str]:
    """Project classes outside the tests that nothing outside the tests names, with no project base or decorator."""
    candidates = {q for q, cls in project.classes.items() if set(cls.decorators) <= PLAIN_CLASS_DECORATORS
                  and _base_names(cls.bases) <= PLAIN_BASES
                  and q in project.symbols.class_files and not is_test_path(project.symbols.class_files[q].path)}
    if not candidates:
        return set()
    mentioned = _mentioned(project)
    if _dynamic(mentioned):
        return set()
    return {q for q in candidates if q.rsplit(".", 1)[-1] not in mentioned}


def drop_unbuilt(project: Project, edges: Dict[str, List[Edge]]) -> Dict[str, List[Edge]]:
    """``edges`` without calls from other code into the methods of ``unbuilt_classes``."""
    unbuilt = unbuilt_classes(project)
    if not unbuilt:
        return edges

    def outside(edge: Edge) -> bool:
        fn = project.functions.get(edge.dst)
        cls = fn[0].cls if fn else None
        return bool(cls) and cls in unbuilt and not edge.src.startswith(f"{cls}.")

    return {src: [e for e in found if not outside(e)] for src, found in edges.items()}
