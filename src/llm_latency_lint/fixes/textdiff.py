"""Old text + new text -> ``edits.Edit`` list (line-level) and a unified diff."""
from __future__ import annotations

import difflib
from typing import List, Tuple

from ..edits import Edit


def _end(lines: List[str], index: int) -> Tuple[int, int]:
    """The 1-based (line, col) where line ``index`` (0-based) starts, or the end of the text."""
    if index < len(lines):
        return index + 1, 1
    if not lines:
        return 1, 1
    last = lines[-1]
    if last.endswith(("\n", "\r")):
        return len(lines) + 1, 1
    return len(lines), len(last) + 1


def text_edits(path: str, old: str, new: str) -> List[Edit]:
    a = old.splitlines(keepends=True)
    b = new.splitlines(keepends=True)
    edits: List[Edit] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start = _end(a, i1)
        end = _end(a, i2)
        edits.append(Edit(path, start[0], start[1], end[0], end[1], "".join(b[j1:j2])))
    return edits


def unified(path: str, old: str, new: str) -> str:
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
        )
    )
