"""Old text + new text -> ``edits.Edit`` list (line-level) and a unified diff."""
from __future__ import annotations

import difflib
from typing import List, Tuple

from llm_latency_lint.files.edits import Edit
from llm_latency_lint.syntax.lines import source_lines


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
    a = source_lines(old)
    b = source_lines(new)
    edits: List[Edit] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start = _end(a, i1)
        end = _end(a, i2)
        edits.append(Edit(path, start[0], start[1], end[0], end[1], "".join(b[j1:j2])))
    return edits


def unified(path: str, old: str, new: str, new_file: bool = False) -> str:
    """A unified diff; a file the fix creates is shown coming from ``/dev/null``, as git does."""
    return "".join(
        difflib.unified_diff(
            source_lines(old), source_lines(new), fromfile="/dev/null" if new_file else f"a/{path}", tofile=f"b/{path}"
        )
    )


def old_line(old: str, new: str, line: int) -> int:
    """The line of ``old`` that line ``line`` of ``new`` came from (itself if it is new)."""
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    for tag, i1, _, j1, j2 in matcher.get_opcodes():
        if tag == "equal" and j1 <= line - 1 < j2:
            return i1 + (line - 1 - j1) + 1
    return line
