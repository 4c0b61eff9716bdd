"""Report on some files while analysing the whole project (``--project-root``).

pre-commit and editors pass only the changed files, but a call's class depends on a schedule
or a route in another file. So the run covers the project root, and this keeps the findings,
call sites and errors located in the given files (or under the given folders).
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable, List, Optional, Sequence

from llm_latency_lint.files.discover import project_root as nearest_marked
from llm_latency_lint.files.discover import relative
from llm_latency_lint.result import Result


def marked_root(path: Path) -> Optional[Path]:
    """The nearest folder above ``path`` with a project marker (``files.discover.PROJECT_MARKERS``), if any."""
    return nearest_marked(path.parent)


def project_root(path: Path) -> Path:
    """The project a file belongs to, for tools handed one file (flake8, the language server):
    the nearest folder above it with a project marker, else the file's own folder."""
    return marked_root(path) or path.parent


class ScopeError(Exception):
    """A path outside the project root."""


def relpaths(root: Path, paths: Sequence[Path]) -> List[str]:
    root = root.resolve()
    out = []
    for path in paths:
        absolute = path.resolve()
        if absolute != root and root not in absolute.parents:
            raise ScopeError(f"{path} is outside the project root {root}")
        out.append("" if absolute == root else relative(absolute, root))
    return out


def selector(root: Path, paths: Sequence[Path]) -> Callable[[str], bool]:
    """A test for root-relative paths: is it one of ``paths`` or inside one of them?"""
    wanted = relpaths(root, paths)
    return lambda path: any(w == "" or path == w or path.startswith(w + "/") for w in wanted)


def restrict(result: Result, paths: Sequence[Path]) -> Result:
    inside = selector(result.root, paths)
    return replace(
        result,
        findings=[f for f in result.findings if inside(f.path)],
        sites=[s for s in result.sites if inside(s.resolved.facts.path)],
        errors=[e for e in result.errors if inside(e.path)],
    )


def covered(result: Result, paths: Sequence[Path]) -> List[str]:
    """The files of this run inside ``paths`` (relative to the root), for baseline staleness."""
    inside = selector(result.root, paths)
    return [p for p in result.texts if inside(p)]
