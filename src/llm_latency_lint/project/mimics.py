"""Project classes that spell an SDK's call path: the application's own wrapper shaped like the SDK.

A wrapper that lets its callers keep the SDK's spelling (``self.chat = self; self.completions =
self`` and a ``create`` method that picks a provider) makes ``ai_client.chat.completions.create(
model=..., messages=...)`` on a receiver of unknown type (``ai_client: Any``) the wrapper's call,
not the SDK's. The call-shape fallback (``edges._by_shape``) asks ``spelled_by`` first: when a
class outside tests answers the whole path through its own attributes (each step an attribute the
class sets to itself or to an instance of another project class) and ends at a method it defines
that can take the call's arguments (``project/signatures``: a message log's ``create(role, content)``
takes no ``model=``), in a module some program loading the site's module loads too
(``project/programs``: an offline stand-in nothing the site runs with imports cannot be its
receiver), the call is no site; the wrapper's own SDK calls are.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence

from llm_latency_lint.files.testpaths import is_test_path
from llm_latency_lint.model import CallSite, Expr
from llm_latency_lint.project.evaluate import Evaluator
from llm_latency_lint.project.signatures import cannot_bind

__all__ = ["spelled_by"]

MAX_STEPS = 4  # a path longer than the SDK's deepest is no wrapper's spelling


def spelled_by(ev: Evaluator, path: Sequence[str], site: CallSite, module: str) -> Optional[str]:
    """The qualified name of a project method (outside tests) reached by walking ``path`` from one
    of the project's classes through attributes it sets, that can take ``site``'s arguments, in a
    module a program may load with ``module`` (the site's; "" when unknown), else None."""
    if len(path) < 2 or len(path) > MAX_STEPS:
        return None
    first, shape = path[0], _shape(ev, site)
    for cls, facts in ev.s.classes.items():
        if first not in facts.attrs:
            continue
        method = _walk(ev, cls, path)
        if method is None:
            continue
        fn, file = ev.s.functions[method]
        if module and not ev.s.programs.may_share(module, file.module):
            continue
        if not cannot_bind(shape, fn.params, fn.name, fn.cls):
            return method
    return None


def _shape(ev: Evaluator, site: CallSite) -> Optional[List[str]]:
    """The written shape of the site's call (``CallRef.shape``), where its function records it."""
    found = ev.s.functions.get(site.function)
    refs = found[0].calls if found else []
    return next((r.shape for r in refs if r.kind == "call" and (r.line, r.col) == (site.line, site.col)), None)


def _walk(ev: Evaluator, cls: str, path: Sequence[str]) -> Optional[str]:
    current = cls
    for step in path[:-1]:
        following = _held_classes(ev, current, step)
        if not following:
            return None
        current = following[0]
    for klass in ev.classes.mro(current):
        qual = f"{klass}.{path[-1]}"
        found = ev.s.functions.get(qual)
        if found is not None and not is_test_path(found[1].path):
            return qual
    return None


def _held_classes(ev: Evaluator, cls: str, attr: str) -> List[str]:
    """The project classes ``cls``'s attribute ``attr`` holds an instance of: itself (``self.chat =
    self``), or a project class it builds (``self.completions = Completions(self)``)."""
    attrs: Dict[str, List[Expr]] = {}
    for klass in ev.classes.mro(cls):
        if klass in ev.s.classes:
            for name, exprs in ev.s.classes[klass].attrs.items():
                attrs.setdefault(name, []).extend(exprs)
    found: List[str] = []
    for expr in attrs.get(attr, []):
        if expr and expr[0] == "self":
            found.append(str(expr[1]))
        elif expr and expr[0] == "call" and expr[1] and expr[1][0] == "name" and str(expr[1][1]) in ev.s.classes:
            found.append(str(expr[1][1]))
    return found
