"""Paths and columns as other tools want them.

Findings carry paths relative to the scanned root and 1-based character columns. GitHub and
reviewdog resolve paths against the working directory (the checkout), and reviewdog counts
columns in UTF-8 bytes.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping, Optional

from llm_latency_lint.syntax.lines import source_lines


def display_path(root: Path, relpath: str, base: Optional[Path] = None) -> str:
    """``relpath`` (relative to ``root``) re-expressed relative to ``base`` (default: cwd)."""
    base = (base or Path.cwd()).resolve()
    target = (Path(root) / relpath).resolve()
    try:
        return target.relative_to(base).as_posix()
    except ValueError:
        return Path(os.path.relpath(target, base)).as_posix() if target.anchor == base.anchor else target.as_posix()


def utf8_column(texts: Mapping[str, str], path: str, line: int, col: int) -> int:
    """1-based UTF-8 byte column of the 1-based character column ``col``."""
    lines = source_lines(texts.get(path, ""), keepends=False)
    if not 0 < line <= len(lines):
        return col
    return len(lines[line - 1][: col - 1].encode("utf-8")) + 1
