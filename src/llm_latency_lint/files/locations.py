"""Paths and columns as other tools want them.

Findings carry paths relative to the scanned root and 1-based character columns. GitHub and
reviewdog resolve paths against the working directory (the checkout), and reviewdog counts
columns in UTF-8 bytes; the text and JSON reports print paths relative to the working directory
too, absolute outside it (``here``), as Ruff does.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Dict, Mapping, Optional

from llm_latency_lint.syntax.lines import source_lines


def display_path(root: Path, relpath: str, base: Optional[Path] = None) -> str:
    """``relpath`` (relative to ``root``) re-expressed relative to ``base`` (default: cwd)."""
    base = (base or Path.cwd()).resolve()
    target = (Path(root) / relpath).resolve()
    try:
        return target.relative_to(base).as_posix()
    except ValueError:
        return Path(os.path.relpath(target, base)).as_posix() if target.anchor == base.anchor else target.as_posix()


def here(root: Path) -> Callable[[str], str]:
    """Root-relative paths as Ruff prints them: relative to the current directory when under it,
    else absolute (a path a terminal, an editor and ``ls`` can open from where the command ran)."""
    base = Path.cwd()
    tops = (Path(root).absolute(), Path(root).resolve())  # a root reached through a link keeps its name
    seen: Dict[str, str] = {}

    def place(relpath: str) -> str:
        if relpath not in seen:
            seen[relpath] = (tops[0] / relpath).as_posix()
            for top in tops:
                try:
                    seen[relpath] = (top / relpath).relative_to(base).as_posix()
                    break
                except ValueError:
                    continue
        return seen[relpath]

    return place


def utf8_column(texts: Mapping[str, str], path: str, line: int, col: int) -> int:
    """1-based UTF-8 byte column of the 1-based character column ``col``."""
    lines = source_lines(texts.get(path, ""), keepends=False)
    if not 0 < line <= len(lines):
        return col
    return len(lines[line - 1][: col - 1].encode("utf-8")) + 1
