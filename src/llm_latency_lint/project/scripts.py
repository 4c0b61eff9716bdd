"""A script's bare imports look in its own folder first, as Python does: the folder of the script
it runs is ``sys.path[0]``. Scripts outside packages that share a name at one depth are named by
their path (``files.discover``: ``fns/a/helpers.py`` is ``fns.a.helpers``), so ``from helpers
import ask`` in ``fns/a/lambda_function.py`` names ``helpers.ask`` in its facts, which one global
alias would send to one folder's file for every folder. Facts depend on one file only, so the
project stage rewrites those names before the symbol table joins them. A name spelling a module
the project defines by its whole dotted path (``apps.main.models.Video`` beside ``apps/main/apps.py``,
the file's own ``aws.fns.lambda_function.handler`` beside ``aws/fns/aws.py``) is that module's, unless
the sibling itself defines the name's second segment: ``from utils import summarize`` beside
``utils.py`` defining ``summarize`` is the sibling's function even when the project also holds a
package ``utils`` with a module ``summarize`` (the script's folder comes first on ``sys.path``)."""
from __future__ import annotations

import posixpath
import sys
from dataclasses import replace
from typing import Dict, FrozenSet, List, Optional, Tuple

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.providers.http import deferred_url, parse_deferred
from llm_latency_lint.expr import NAME, SHAPES, TYPE
from llm_latency_lint.model import ClassFacts, Expr, FileFacts, FunctionFacts

# An SDK or standard-library name is that package even beside a file of the same name
# (``providers/openai.py`` importing ``openai``): never a sibling script.
NEVER_SIBLINGS = frozenset(providers.import_roots()) | frozenset(getattr(sys, "stdlib_module_names", ()))


def folder_first(files: List[FileFacts]) -> List[FileFacts]:
    """``files`` with each script's names imported from a renamed sibling (one named by its path)
    rewritten to that sibling's module; a module of a package (its folder holds ``__init__.py``)
    imports absolutely, from ``sys.path``, and is left as it is."""
    packages = {posixpath.dirname(f.path) for f in files if posixpath.basename(f.path) == "__init__.py"}
    renamed: Dict[Tuple[str, str], str] = {}  # (folder, stem) -> module, for scripts named by their path
    for facts in files:
        folder, name = posixpath.split(facts.path)
        stem = name[: -len(".py")] if name.endswith(".py") else ""
        if stem and folder not in packages and facts.module != stem:
            renamed[(folder, stem)] = facts.module
    if not renamed:
        return files
    # a project file spelled by its path from the scan root too: ``apps.news.models`` for the module
    # ``news.models`` under a namespace folder ``apps/`` (no ``__init__.py``) beside ``apps/news/apps.py``
    modules = frozenset(f.module for f in files) | {path_name(f.path) for f in files}
    defined = {f.module: top_names(f) for f in files if f.module in renamed.values()}
    out: List[FileFacts] = []
    for facts in files:
        folder = posixpath.dirname(facts.path)
        roots: Dict[str, str] = {}
        for value in facts.imports.values() if folder not in packages else ():
            stem = value.split(".", 1)[0]
            target = renamed.get((folder, stem))
            if target is not None and target != facts.module and stem not in NEVER_SIBLINGS:
                roots[stem] = target
        out.append(Renamer(roots, modules, defined).facts(facts) if roots else facts)
    return out


def path_name(path: str) -> str:
    """A file's dotted path from the scan root (a package by its folder): how code run there imports it."""
    stem = path[: -len(".py")] if path.endswith(".py") else path
    return (stem[: -len("/__init__")] if stem.endswith("/__init__") else stem).replace("/", ".")


def top_names(facts: FileFacts) -> FrozenSet[str]:
    """The names a module defines at its top level (its attributes): imports, globals, classes, functions."""
    prefix = facts.module + "."
    qualnames = [*facts.globals, *facts.classes, *facts.functions]
    own = (q[len(prefix):] for q in qualnames if q.startswith(prefix))
    return frozenset(facts.imports) | {name for name in own if "." not in name}


class Renamer:
    """Rewrites the dotted names whose first segment is a renamed sibling's bare name, except those
    naming one of ``modules`` (or inside one) by its full dotted path through a name the sibling
    does not define (``defined``: each sibling module's top-level names)."""

    def __init__(self, roots: Dict[str, str], modules: FrozenSet[str] = frozenset(),
                 defined: Optional[Dict[str, FrozenSet[str]]] = None) -> None:
        self.roots = roots
        self.modules = modules
        self.defined = defined or {}

    def name(self, dotted: str) -> str:
        deferred = parse_deferred(dotted)  # a POST to a sibling's URL constant (``from env import ENDPOINT``)
        if deferred is not None:
            return deferred_url(self.name(deferred[0]), deferred[1])
        root, dot, rest = dotted.partition(".")
        if root not in self.roots or self._names_module(dotted):
            return dotted
        return self.roots[root] + dot + rest

    def _names_module(self, dotted: str) -> bool:
        """``apps.main.models.Video``: a project module (``apps.main.models``) spelled from its root."""
        parts = dotted.split(".")
        if len(parts) < 2 or parts[1] in self.defined.get(self.roots[parts[0]], frozenset()):
            return False  # the sibling's own attribute: it shadows the package
        return any(".".join(parts[:n]) in self.modules for n in range(2, len(parts) + 1))

    def expr(self, expr: Expr) -> Expr:
        if not isinstance(expr, list) or not expr:
            return expr
        tag = expr[0]
        if tag in (NAME, TYPE):
            return [tag, self.name(str(expr[1]))]
        shape = SHAPES.get(tag)
        if shape is None:
            return expr
        out: Expr = [tag]
        for kind, value in zip(shape, expr[1:]):
            if kind == "e":
                out.append(self.expr(value))
            elif kind == "E":
                out.append([self.expr(member) for member in value])
            else:
                out.append(value)
        return out

    def exprs(self, table: Dict[str, List[Expr]]) -> Dict[str, List[Expr]]:
        return {key: [self.expr(e) for e in values] for key, values in table.items()}

    def function(self, fn: FunctionFacts) -> FunctionFacts:
        return replace(fn, calls=[replace(c, expr=self.expr(c.expr)) for c in fn.calls],
                       returns=[self.expr(e) for e in fn.returns], locals=self.exprs(fn.locals),
                       decorators=[self.name(d) for d in fn.decorators])

    def klass(self, cls: ClassFacts) -> ClassFacts:
        return replace(cls, bases=[self.expr(e) for e in cls.bases], attrs=self.exprs(cls.attrs),
                       decorators=[self.name(d) for d in cls.decorators])

    def facts(self, facts: FileFacts) -> FileFacts:
        return replace(
            facts,
            imports={key: self.name(value) for key, value in facts.imports.items()},
            globals=self.exprs(facts.globals),
            functions={q: self.function(fn) for q, fn in facts.functions.items()},
            classes={q: self.klass(c) for q, c in facts.classes.items()},
            call_sites=[replace(s, callee=self.expr(s.callee), handed_to=self.expr(s.handed_to)) for s in facts.call_sites],
            triggers=[replace(t, target=self.expr(t.target)) for t in facts.triggers],
            containers=self.exprs(facts.containers),
            routes=[replace(r, router=self.expr(r.router), handler=self.expr(r.handler)) for r in facts.routes],
            mounts=[replace(m, parent=self.expr(m.parent), child=self.expr(m.child)) for m in facts.mounts],
        )
