"""Import statements of the facts pass: the names a module binds to other modules' names."""
from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Tuple, Union

import libcst as cst

from llm_latency_lint.facts.pass_state import PassState
from llm_latency_lint.facts.scopes import flat_body
from llm_latency_lint.syntax.literals import dotted

ImportNode = Union[cst.Import, cst.ImportFrom]


class ImportsMixin(PassState):
    """``facts.imports`` for ``FactsVisitor``: local name -> qualified name (``*base`` for a star
    import); the recognisers' ``ctx.imports`` is told of every change."""

    _stars: Optional[List[str]] = None  # modules imported with ``*`` (``star_modules``)
    _module_imports: Tuple[ImportNode, ...] = ()  # the module-level imports (``note_module_imports``)
    _later: Optional[Dict[str, List[str]]] = None  # what they bind (``later_import``), made on first use

    def note_module_imports(self, body: List[cst.BaseStatement]) -> None:
        """Keep the module-level imports, at the top level or in its ``if``/``try``/``with``/loop
        blocks (the ``__main__`` block too), for ``later_import``."""
        self._module_imports, self._later = tuple(_module_level_imports(body)), None

    def later_import(self, name: str) -> List[str]:
        """What module-level imports anywhere in the file bind ``name`` to: a function body runs
        after the module has run, so it reads a global an import below it binds (``def loop():
        await asyncio.sleep(86400)`` above ``if __name__ == "__main__": import asyncio``; round 18's
        vazirialex/intelligent-standup-bot). Every binding, in order: the branches of an ``if`` /
        ``try`` importing one of two backends under one name each may be the one it reads. Only
        function bodies ask (``names._name``): module-level code runs in order."""
        if self._later is None:
            self._later = {}
            for node in self._module_imports:
                for local, target in self._bound_by(node):
                    bound = self._later.setdefault(local, [])
                    if target not in bound:
                        bound.append(target)
        return self._later.get(name, [])

    def _bound_by(self, node: ImportNode) -> List[Tuple[str, str]]:
        """(local name, qualified name) for each name ``node`` binds (star imports: none)."""
        if isinstance(node, cst.Import):
            found = []
            for alias in node.names:
                full = dotted(alias.name)
                if full is not None:
                    asname = alias.asname.name if alias.asname is not None else None
                    root = full.split(".")[0]
                    found.append((asname.value, full) if isinstance(asname, cst.Name) else (root, root))
            return found
        base = self._from_base(node)
        if not base or isinstance(node.names, cst.ImportStar):
            return []
        pairs = []
        for alias in node.names:
            name = dotted(alias.name)
            if name is not None:
                asname = alias.asname.name if alias.asname is not None else None
                pairs.append((asname.value if isinstance(asname, cst.Name) else name, f"{base}.{name}"))
        return pairs

    def _from_base(self, node: cst.ImportFrom) -> str:
        """The module ``from ... import`` reads, relative dots resolved against the package."""
        base = dotted(node.module) if node.module is not None else ""
        if node.relative:
            package = self._package().split(".") if self._package() else []
            up = len(node.relative) - 1
            if up > len(package):  # above the package its ``__init__.py`` files show: an importer names it longer
                package = self._path_package()
            package = package[: len(package) - up] if up else package
            base = ".".join([*package, base] if base else package)
        return base or ""

    def star_modules(self) -> List[str]:
        """The modules of the file's star imports so far; names asks on every unresolved name."""
        if self._stars is None:
            self._stars = [m for key, m in self.facts.imports.items() if key.startswith("*")]
        return self._stars

    def _imports_changed(self) -> None:
        self._stars = None
        self.ctx.imports_changed()

    def visit_Import(self, node: cst.Import) -> None:
        self._imports_changed()
        for alias in node.names:
            full = dotted(alias.name)
            if full is None:
                continue
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self._bind(alias.asname.name.value, full)
            else:  # ``import pkg.signals`` binds ``pkg`` and loads ``pkg.signals`` (an ``AppConfig.ready()``
                root = full.split(".")[0]  # connecting receivers): the module is kept under its dotted
                self.facts.imports.setdefault(root, root)  # name, a key no identifier matches
                if full != root:
                    self.facts.imports.setdefault(full, full)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._imports_changed()
        base = self._from_base(node)
        if not base:
            return
        if isinstance(node.names, cst.ImportStar):
            # ``from .helpers import *``: names this file does not bind may come from there
            # (``names._name``); the key cannot clash with an identifier.
            self.facts.imports[f"*{base}"] = base
            return
        for alias in node.names:
            name = dotted(alias.name)
            if name is None:
                continue
            local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
            self._bind(local, f"{base}.{name}")

    def _path_package(self) -> List[str]:
        """The folders holding the file, as a package: ``from ..core import x`` in
        ``backend/app/api/views.py``, a folder without ``__init__.py`` inside the package ``app``
        (a namespace portion ``main.py`` imports as ``app.api.views``), is ``backend.app.core``,
        which names ``app/core.py`` as any dotted path from a folder above does (round 17's
        zueskalare/rss_auto_reader)."""
        return self.facts.path.split("/")[:-1]

    def _bind(self, local: str, target: str) -> None:
        """``local`` bound by an import. A second import of it in a module-level ``try`` (``try: from
        summarizer_v2 import S`` / ``except ImportError: from summarizer import S``) binds either, as
        whichever import works: the module's global of that name holds both (the first stays
        ``imports[local]``; the other is kept under ``local@n``, a key no identifier matches, so the
        project stage's import rewrites see it)."""
        old = self.facts.imports.get(local)
        scope = self.scopes[-1]
        if old is None or old == target or scope.kind != "module" or not self.try_depth[-1]:
            self.facts.imports[local] = target
            return
        qual = f"{self.facts.module}.{local}"
        self.facts.imports[f"{local}@{len(self.facts.imports)}"] = target
        values = self.facts.globals.setdefault(qual, [])
        values.extend(e for e in (["name", old], ["name", target]) if e not in values)
        scope.defs[local] = qual


def _module_level_imports(body: List[cst.BaseStatement]) -> Iterator[ImportNode]:
    """The import statements module-level code runs, not entering functions or classes."""
    for stmt in body:
        if isinstance(stmt, cst.SimpleStatementLine):
            yield from (small for small in stmt.body if isinstance(small, (cst.Import, cst.ImportFrom)))
        elif isinstance(stmt, (cst.If, cst.Try, cst.With, cst.For, cst.While)):
            yield from _module_level_imports([s for s in flat_body(stmt) if isinstance(s, cst.BaseStatement)])
