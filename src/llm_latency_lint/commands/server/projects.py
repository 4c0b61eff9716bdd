"""What the server knows per project: its config and its latest analysis.

A file belongs to the project above it (``scope.project_root``: the nearest folder with a
``pyproject.toml``, ``setup.cfg``, ``.git`` ...), and the whole project is analysed, because a
call's class depends on a schedule or a route in another file. Open buffers go to ``engine.run``
as ``overrides``, so unsaved text is what is checked; every other file comes from disk through
the facts cache, so a re-analysis after a keystroke re-parses one file.

Nothing here raises: a config error or a crash in the pipeline becomes ``Analysis.error``, which
the server logs and shows as a diagnostic.
"""
from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from llm_latency_lint.audit.inventory import Audit, Row
from llm_latency_lint.audit.inventory import build as build_audit
from llm_latency_lint.commands.scope import marked_root
from llm_latency_lint.config import Config, ConfigError, find_pyproject, load
from llm_latency_lint.engine import run
from llm_latency_lint.files.discover import relative
from llm_latency_lint.project.classify import ClassifiedSite
from llm_latency_lint.result import Finding, Result

Buffer = Tuple[str, Optional[int]]  # (text, document version)


def absolute(path: Path) -> Path:
    """Absolute and lexical, as discovery names files (symlinks kept)."""
    return Path(os.path.abspath(path))


@dataclass
class Analysis:
    root: Path
    config: Optional[Config]
    result: Optional[Result] = None
    error: str = ""  # a config error or an internal error: the whole project has no findings
    versions: Dict[str, Optional[int]] = field(default_factory=dict)  # relpath -> buffer version analysed
    _audit: Optional[Audit] = None

    def findings_in(self, relpath: str) -> List[Finding]:
        return [f for f in self.result.findings if f.path == relpath] if self.result else []

    def text(self, relpath: str) -> Optional[str]:
        if self.result is None or relpath not in self.result.texts:
            return None
        return self.result.texts[relpath]

    def sites_in(self, relpath: str) -> List[ClassifiedSite]:
        return [s for s in self.result.sites if s.resolved.facts.path == relpath] if self.result else []

    def row_for(self, site: ClassifiedSite) -> Optional[Row]:
        """The audit row of a site (spend and savings), when spend is configured."""
        if self.result is None or self.config is None or not self.config.spend.sites:
            return None
        if self._audit is None:
            self._audit = build_audit(self.result, self.config)
        return next((r for r in self._audit.rows if r.site is site), None)


class Projects:
    """Config per project root, loaded once and dropped when a pyproject.toml changes.

    A file's project is the nearest folder above it with a project marker, else the workspace
    folder holding it. A file with neither (a scratch file in the home folder) is "loose": its
    folder is its root, but only the open files there are analysed, never the whole folder."""

    def __init__(self) -> None:
        self.configs: Dict[Path, Tuple[Optional[Config], str]] = {}
        self.workspaces: List[Path] = []
        self.loose: set = set()  # roots with no marker and no workspace: analyse the open files only

    def root_for(self, path: Path) -> Path:
        path = absolute(path)
        marked = marked_root(path)
        if marked is not None:
            return absolute(marked)
        holding = [w for w in self.workspaces if w in path.parents]
        if holding:
            return max(holding, key=lambda w: len(w.parts))
        self.loose.add(path.parent)
        return path.parent

    def config(self, root: Path) -> Tuple[Optional[Config], str]:
        if root not in self.configs:
            try:
                self.configs[root] = (load(find_pyproject(root)), "")
            except ConfigError as exc:
                self.configs[root] = (None, f"llm-latency-lint config error: {exc}")
        return self.configs[root]

    def forget_config(self, changed: Path) -> List[Path]:
        """Drop the configs a changed ``pyproject.toml`` may feed; the roots affected."""
        folder = absolute(changed).parent
        hit = [root for root in self.configs if root == folder or folder in root.parents]
        for root in hit:
            del self.configs[root]
        return hit

    def analyse(self, root: Path, buffers: Dict[str, Buffer]) -> Analysis:
        """Analyse the project at ``root`` with the open ``buffers`` (relpath -> text, version)."""
        versions = {p: v for p, (_, v) in buffers.items()}
        config, error = self.config(root)
        if config is None:
            return Analysis(root, None, error=error, versions=versions)
        paths = [root / p for p in sorted(buffers)] if root in self.loose else [root]
        if not paths:  # a loose folder whose last open file was closed: nothing to say
            return Analysis(root, config, versions=versions)
        try:
            result = run(paths, config, root=root, overrides={p: text for p, (text, _) in buffers.items()})
        except Exception as exc:  # noqa: BLE001 - the server outlives any bug in the pipeline
            detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
            error = f"llm-latency-lint internal error: {type(exc).__name__}: {exc}\n{detail}"
            return Analysis(root, config, error=error, versions=versions)
        return Analysis(root, config, result, versions=versions)

    @staticmethod
    def relpath(root: Path, path: Path) -> str:
        return relative(absolute(path), root)
