"""Notebooks out: a fixed view back into the ``.ipynb`` JSON, cell-addressed diffs, and the
region in the ``.ipynb`` file of a view position (SARIF, GitHub, rdjson). See ``notebook``.
"""
from __future__ import annotations

import ast
import difflib
import json
import os
import re
import stat
from functools import lru_cache
from typing import Any, List, Optional, Sequence, Tuple

from llm_latency_lint.files.notebook import (
    _MAGIC_RE,
    Notebook,
    NotebookError,
    _List,
    _Str,
    cell_position,
    cells_of,
    is_notebook,
    load,
    loads,
    mask_cell,
    python_view,
)
from llm_latency_lint.files.read import SourceError, read_bytes


def _source_lines(source: str) -> List[str]:
    """nbformat's list form: every line keeps its ``\\n`` but the last."""
    return source.splitlines(keepends=True)


def rewrite(text: str, old_view: str, new_view: str) -> str:
    """The notebook's JSON text with the cells ``new_view`` changed replaced; raises
    ``NotebookError`` when the file no longer matches ``old_view`` or the result is wrong."""
    notebook = loads(text)
    if python_view(notebook) != old_view:
        raise NotebookError("notebook changed since it was read; skipped")
    old_cells, new_cells = cells_of(old_view), cells_of(new_view)
    if sorted(old_cells) != sorted(new_cells):
        raise NotebookError("the rewrite would add or remove cells; nothing written")
    by_number = {c.number: c for c in notebook.cells}
    patches: List[Tuple[int, int, str]] = []
    for number, new_source in new_cells.items():
        if new_source == old_cells[number]:
            continue
        cell = by_number[number]
        new_source = _leading_magics_first(old_cells[number], new_source)
        new_cells[number] = new_source
        ends = cell.source.endswith("\n")
        body = new_source + ("\n" if ends and new_source else "")
        patches.append(_patch(text, cell.node.get("source"), body))
    out = text
    for start, end, replacement in sorted(patches, reverse=True):
        out = out[:start] + replacement + out[end:]
    check = loads(out)
    for number, new_source in new_cells.items():
        if new_source == old_cells[number]:
            continue
        code = "\n".join(mask_cell(new_source))
        try:
            compile(code, f"cell {number}", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT | ast.PyCF_ONLY_AST,
                    dont_inherit=True)
        except SyntaxError as exc:
            raise NotebookError(f"cell {number} would not compile after the rewrite ({exc.msg}); nothing written") from None
    if len(check.cells) != len(notebook.cells):
        raise NotebookError("internal: the rewrite changed the number of cells; nothing written")
    return out


def _leading_magics_first(old: str, new: str) -> str:
    """Imports a fix adds at the top of a cell go below the cell's leading magics (``%%time``
    must stay first; ``%pip install`` runs before the imports it makes possible)."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    masked = mask_cell(old)
    lead = 0
    while lead < len(old_lines) and lead < len(masked) and _MAGIC_RE.match(masked[lead]) and not old_lines[lead].startswith(" "):
        lead += 1
    if lead == 0 or new_lines[:lead] == old_lines[:lead]:
        return new
    head = old_lines[:lead]
    for start in range(1, len(new_lines) - lead + 1):
        if new_lines[start:start + lead] == head:
            return "\n".join(head + new_lines[:start] + new_lines[start + lead:])
    return new


def _patch(text: str, source: Any, body: str) -> Tuple[int, int, str]:
    if isinstance(source, _Str):
        return source.start, source.end, json.dumps(body, ensure_ascii=False)
    if not isinstance(source, _List):
        raise NotebookError("internal: a cell source without a position")
    lines = _source_lines(body)
    if not source or not lines:
        return source.start, source.end, json.dumps(lines, ensure_ascii=False)
    first = source[0]
    line_start = text.rfind("\n", 0, first.start) + 1
    item_indent = text[line_start:first.start]
    if item_indent.strip():  # items on the bracket's line: keep it on one line
        return source.start, source.end, json.dumps(lines, ensure_ascii=False)
    close_start = text.rfind("\n", 0, source.end - 1) + 1
    close_indent = text[close_start:source.end - 1]
    close_indent = close_indent if not close_indent.strip() else ""
    items = (",\n").join(item_indent + json.dumps(line, ensure_ascii=False) for line in lines)
    return source.start, source.end, "[\n" + items + "\n" + close_indent + "]"


def write(path: str, old_view: str, new_view: str) -> bool:
    """Put a fixed view back into the notebook at ``path``, atomically (``files.write``):
    only changed cells' sources change. Raises ``EditError`` with the reason otherwise."""
    from llm_latency_lint.files import write as files_write

    try:
        data = read_bytes(path)
        text = data.decode("utf-8-sig")
        new_text = rewrite(text, old_view, new_view)
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except (SourceError, OSError, UnicodeDecodeError, NotebookError) as exc:
        raise files_write.EditError(str(exc)) from None
    snapshot = files_write.Snapshot(path, data, text, "utf-8", data.startswith(b"\xef\xbb\xbf"),
                                    files_write.newline_of(text), mode)
    return files_write.write(files_write.Planned(snapshot, new_text))


# ---- regions in the .ipynb file ----------------------------------------------------------
def _raw_offset(escaped: str, count: int) -> int:
    """How many characters of a JSON string body encode its first ``count`` characters."""
    i = k = 0
    n = len(escaped)
    while k < count and i < n:
        if escaped[i] == "\\" and i + 1 < n:
            if escaped[i + 1] == "u":
                code = int(escaped[i + 2:i + 6] or "0", 16)
                i += 12 if 0xD800 <= code < 0xDC00 and escaped.startswith("\\u", i + 6) else 6
            else:
                i += 2
        else:
            i += 1
        k += 1
    return i


@lru_cache(maxsize=8)
def _load_file(path: str, size: int, mtime_ns: int) -> Optional[Notebook]:
    try:
        with open(path, "rb") as handle:
            return load(handle.read())
    except (OSError, NotebookError):
        return None


def _file(path: str) -> Optional[Notebook]:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return _load_file(path, stat.st_size, stat.st_mtime_ns)


def file_position(path: str, cell: int, line: int, col: int, utf8: bool = False) -> Optional[Tuple[int, int]]:
    """1-based (line, column) in the ``.ipynb`` file's text of ``col`` on ``line`` of ``cell``
    (the column in code points, or in UTF-8 bytes with ``utf8``)."""
    notebook = _file(path)
    if notebook is None or not 0 < cell <= len(notebook.cells):
        return None
    source = notebook.cells[cell - 1].node.get("source")
    items: Sequence[Any] = source if isinstance(source, _List) else [source]
    if not items or not all(isinstance(i, _Str) for i in items):
        return None
    joined = "".join(items)
    starts = [0] + [m.end() for m in re.finditer("\n", joined)]
    if not 0 < line <= len(starts):
        return None
    offset = starts[line - 1] + max(col, 1) - 1
    seen = 0
    for item in items:
        if offset < seen + len(item) or item is items[-1]:
            local = min(offset - seen, len(item))
            pos = item.start + 1 + _raw_offset(notebook.text[item.start + 1:item.end - 1], local)
            raw_line = notebook.text.count("\n", 0, pos) + 1
            line_start = notebook.text.rfind("\n", 0, pos) + 1
            if utf8:
                return raw_line, len(notebook.text[line_start:pos].encode("utf-8", "surrogatepass")) + 1
            return raw_line, pos - line_start + 1
        seen += len(item)
    return None


def file_region(root: Any, texts: Any, path: str, line: int, col: int, end_line: Optional[int] = None,
                end_col: Optional[int] = None, utf8: bool = False) -> Tuple[int, int, int, int]:
    """(line, col, end line, end col) in the notebook file for a view region; the view's own
    numbers for a Python file or when the notebook cannot be read."""
    end_line = line if end_line is None else end_line
    end_col = col if end_col is None else end_col
    if not is_notebook(path):
        return line, col, end_line, end_col
    try:
        view = texts[path]
    except KeyError:
        return line, col, end_line, end_col
    full = os.path.join(str(root), path)
    start = cell_position(view, line)
    stop = cell_position(view, end_line)
    a = file_position(full, start[0], start[1], col, utf8) if start else None
    b = file_position(full, stop[0], stop[1], end_col, utf8) if stop else None
    if a is None:
        return line, col, end_line, end_col
    return a[0], a[1], (b or a)[0], (b or a)[1]


# ---- diff --------------------------------------------------------------------------------
def cell_diff(path: str, old_view: str, new_view: str) -> str:
    """Unified hunks per changed cell, addressed ``path:cell N``."""
    old, new = cells_of(old_view), cells_of(new_view)
    out: List[str] = []
    for number in sorted(set(old) | set(new)):
        a, b = old.get(number, ""), new.get(number, "")
        b = _leading_magics_first(a, b) if a and b else b
        if a == b:
            continue
        out.extend(difflib.unified_diff(
            [line + "\n" for line in a.split("\n")], [line + "\n" for line in b.split("\n")],
            f"a/{path}:cell {number}", f"b/{path}:cell {number}",
        ))
    return "".join(out)
