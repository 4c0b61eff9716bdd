"""Jupyter notebooks (``.ipynb``) as Python sources, both ways.

Reading: the file is JSON (the standard ``json`` module; nbformat 4), its code cells are
concatenated into one Python *view* the rest of the pipeline parses like any module. Each code
cell starts with a marker line ``# %% llm-latency-lint cell N`` (N counts every cell of the
notebook from 1, markdown included, as editors number them), so the view itself says which
cell every line belongs to: the cell map survives a fixer's rewrite of the view. IPython
syntax that is not Python is masked so libcst parses the rest:
- line magics, shell escapes and help at a statement's start (``%pip install x``, ``!ls``,
  ``files = !ls``, ``x = %time f()``, ``obj??``) become ``pass  # llm-latency-lint magic: <line>``;
- ``%run ./other`` (another notebook run in this one's namespace) becomes
  ``__llm_latency_lint_run__('./other')  # llm-latency-lint magic: %run ./other``: a call
  into that notebook's cells (``catalog/triggers/notebook_runs.py``);
- a cell magic (``%%time``, ``%%capture``: the body is Python) masks its first line only;
  any other cell magic (``%%bash``, ``%%sql``, ``%%writefile``) masks the whole cell;
- continuation lines of a masked line (trailing ``\\``) are masked as comments;
- a cell Python cannot parse is masked whole (reported), the others are read.
Masked lines carry their original text: writing a fixed view back restores them exactly.

Locations: a finding in the view is shown as ``nb.ipynb:cell 3:12:5`` (line and column inside
the cell); machine formats (SARIF, GitHub, rdjson) get the region in the ``.ipynb`` file itself,
found by parsing it again with string positions (the line of the JSON string that holds the
code, the column through JSON escapes).

Writing (``notebook_out``): only the ``source`` of the cells a fix changed is replaced in the
file's text; outputs, metadata, key order and indentation stay byte for byte.
"""
from __future__ import annotations

import json
import json.decoder
import json.scanner
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple

from llm_latency_lint.files.notebook_cells import cell_error
from llm_latency_lint.files.read import Source, SourceError

SUFFIX = ".ipynb"
CELL_MARK = "# %% llm-latency-lint cell {n}"
MAGIC_MARK = "pass  # llm-latency-lint magic: "
MAGIC_COMMENT = "# llm-latency-lint magic: "
_CELL_RE = re.compile(r"^# %% llm-latency-lint cell (\d+)$")
_MAGIC_RE = re.compile(r"^(\s*)(?:pass  |__llm_latency_lint_run__\(.*?\)  )?# llm-latency-lint magic: (.*)$")
# ``%run ./other`` runs another notebook in this one: a call the notebook-runs recogniser follows.
RUN_CALL = "__llm_latency_lint_run__"
_RUN = re.compile(r"^%run\s+(?:-[a-z]+\s+)*(?P<path>[^\s-][^\s]*)")
# Cell magics whose body is Python.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "python", "python3", "debug", "pypy"})
_HELP = re.compile(r"^(?:\?{1,2}[\w.]+|[\w.\[\]()]+\?{1,2})$")
_ASSIGN_MAGIC = re.compile(r"^[A-Za-z_][\w.,\s\[\]()*]*=\s*[%!]")


class NotebookError(Exception):
    """A notebook that cannot be read as one; the message is one line, for the report."""


def is_notebook(path: str) -> bool:
    return str(path).endswith(SUFFIX)


# ---- positions in the JSON text ----------------------------------------------------------
# The pure-Python scanner of the standard library, with string and array parsers that remember
# where each value was written (typeshed does not declare these module attributes).
_DECODER: Any = json.decoder
_SCANNER: Any = json.scanner


class _Str(str):
    start: int = 0  # offset of the opening quote
    end: int = 0  # offset after the closing quote


class _List(list):
    start: int = 0  # offset of "["
    end: int = 0  # offset after "]"


def _parse_string(s: str, end: int, strict: bool = True) -> Tuple[_Str, int]:
    value, new_end = _DECODER.scanstring(s, end, strict)
    out = _Str(value)
    out.start, out.end = end - 1, new_end
    return out, new_end


def _parse_array(s_and_end: Tuple[str, int], scan_once: Any) -> Tuple[_List, int]:
    values, new_end = _DECODER.JSONArray(s_and_end, scan_once)
    out = _List(values)
    out.start, out.end = s_and_end[1] - 1, new_end
    return out, new_end


def _loads_with_positions(text: str) -> Any:
    decoder = json.JSONDecoder()
    decoder.parse_string = _parse_string  # type: ignore[attr-defined]
    decoder.parse_array = _parse_array  # type: ignore[attr-defined]
    decoder.memo = {}  # type: ignore[attr-defined]
    scan = _SCANNER.py_make_scanner(decoder)
    index = _DECODER.WHITESPACE.match(text, 0).end()
    try:
        value, end = scan(text, index)
    except StopIteration as exc:
        raise json.JSONDecodeError("Expecting value", text, exc.value) from None
    end = _DECODER.WHITESPACE.match(text, end).end()
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return value


# ---- reading -----------------------------------------------------------------------------
@dataclass
class Cell:
    number: int  # 1-based over every cell of the notebook
    kind: str  # "code", "markdown", "raw"
    source: str
    node: Dict[str, Any]  # the cell's JSON object (with positions)


@dataclass
class Notebook:
    text: str  # the JSON text
    data: Dict[str, Any]
    cells: List[Cell]
    python: bool  # False for a notebook of another language (R, Julia): nothing to lint

    def code_cells(self) -> List[Cell]:
        return [c for c in self.cells if c.kind == "code"]


def load(data: bytes) -> Notebook:
    """Parse a notebook's bytes; ``NotebookError`` with one clear reason when it is not one."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotebookError(f"not a valid notebook: not UTF-8 at byte {exc.start}") from None
    return loads(text)


def loads(text: str) -> Notebook:
    try:
        data = _loads_with_positions(text)
    except json.JSONDecodeError as exc:
        raise NotebookError(f"not a valid notebook: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise NotebookError("not a valid notebook: JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise NotebookError("not a valid notebook: the JSON is not an object")
    if "worksheets" in data and "cells" not in data:
        raise NotebookError("not a valid notebook: nbformat 3 (worksheets) is not supported; convert it to nbformat 4")
    raw_cells = data.get("cells")
    if not isinstance(raw_cells, list):
        raise NotebookError("not a valid notebook: no 'cells' list")
    cells: List[Cell] = []
    for number, node in enumerate(raw_cells, 1):
        if not isinstance(node, dict):
            raise NotebookError(f"not a valid notebook: cell {number} is not an object")
        kind = node.get("cell_type")
        source = node.get("source", "")
        if isinstance(source, list) and all(isinstance(s, str) for s in source):
            joined = "".join(source)
        elif isinstance(source, str):
            joined = source
        else:
            raise NotebookError(f"not a valid notebook: cell {number} has a source that is not text")
        cells.append(Cell(number, str(kind), joined, node))
    return Notebook(text, data, cells, _is_python(data))


def _is_python(data: Dict[str, Any]) -> bool:
    meta: Dict[str, Any] = data["metadata"] if isinstance(data.get("metadata"), dict) else {}
    info: Dict[str, Any] = meta["language_info"] if isinstance(meta.get("language_info"), dict) else {}
    kernel: Dict[str, Any] = meta["kernelspec"] if isinstance(meta.get("kernelspec"), dict) else {}
    language = info.get("name") or kernel.get("language")
    return not isinstance(language, str) or language.lower() in ("python", "python3", "ipython", "")


# ---- the Python view ---------------------------------------------------------------------
def python_view(notebook: Notebook) -> str:
    """The code cells as one module: a marker line per cell, IPython syntax masked."""
    return _view(notebook)[0]


def _view(notebook: Notebook) -> Tuple[str, List[Tuple[int, str]]]:
    """The view; (cell, why) of each cell masked whole for not parsing (a cell runs alone)."""
    if not notebook.python:
        return "", []
    out: List[str] = []
    dropped: List[Tuple[int, str]] = []
    for cell in notebook.code_cells():
        out.append(CELL_MARK.format(n=cell.number))
        lines = mask_cell(cell.source)
        error = cell_error("\n".join(lines) + "\n")
        if error is not None:
            dropped.append((cell.number, error))
            lines = [_comment(line) for line in lines]
        out.extend(lines)
    return ("\n".join(out) + "\n" if out else ""), dropped


def _split(source: str) -> List[str]:
    lines = source.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def mask_cell(source: str) -> List[str]:
    """A cell's lines with magics, shell escapes and help masked (see the module doc)."""
    lines = _split(source)
    first = next((i for i, l in enumerate(lines) if l.strip()), None)
    if first is not None and lines[first].lstrip().startswith("%%"):
        name = lines[first].lstrip()[2:].split(maxsplit=1)[0] if lines[first].strip() != "%%" else ""
        if name not in PYTHON_CELL_MAGICS:
            return [_comment(line) for line in lines]
        lines = list(lines)
        lines[first] = _comment(lines[first])
    out: List[str] = []
    scanner = _Scanner()
    continuing_magic = False
    for line in lines:
        if continuing_magic:
            out.append(_comment(line))
            continuing_magic = line.rstrip().endswith("\\")
            continue
        if scanner.at_statement_start() and _is_magic(line.strip()):
            indent = line[: len(line) - len(line.lstrip())]
            run = _RUN.match(line.lstrip())
            if run and "-m" not in line.split() and ")" not in run.group("path"):
                out.append(f"{indent}{RUN_CALL}({run.group('path')!r})  # llm-latency-lint magic: {line.lstrip()}")
            else:
                out.append(indent + MAGIC_MARK + line.lstrip())
            continuing_magic = line.rstrip().endswith("\\")
            continue
        scanner.feed(line)
        out.append(line)
    return out


def _comment(line: str) -> str:
    if _MAGIC_RE.match(line):
        return line
    indent = line[: len(line) - len(line.lstrip())]
    return indent + MAGIC_COMMENT + line.lstrip()


def _is_magic(stripped: str) -> bool:
    if not stripped or stripped.startswith("#"):
        return False
    if stripped[0] in "%!":
        return True
    if _HELP.match(stripped):
        return True
    return bool(_ASSIGN_MAGIC.match(stripped)) and not stripped.split("=", 1)[1].lstrip().startswith("%=")


class _Scanner:
    """Just enough of Python's lexer to know whether a line starts a statement: open
    brackets, open strings (triple or continued) and backslash continuations."""

    def __init__(self) -> None:
        self.depth = 0
        self.quote: Optional[str] = None
        self.continued = False

    def at_statement_start(self) -> bool:
        return self.depth == 0 and self.quote is None and not self.continued

    def feed(self, line: str) -> None:
        i, n = 0, len(line)
        while i < n:
            if self.quote is not None:
                if line[i] == "\\":
                    i += 2
                    continue
                if line.startswith(self.quote, i):
                    i += len(self.quote)
                    self.quote = None
                    continue
                i += 1
                continue
            c = line[i]
            if c == "#":
                break
            if c in "'\"":
                self.quote = c * 3 if line.startswith(c * 3, i) else c
                i += len(self.quote)
                continue
            if c in "([{":
                self.depth += 1
            elif c in ")]}":
                self.depth = max(0, self.depth - 1)
            i += 1
        ends_with_backslash = line.endswith("\\")
        if self.quote is not None and len(self.quote) == 1 and not ends_with_backslash:
            self.quote = None  # an unterminated one-line string: a syntax error the parser reports
        self.continued = ends_with_backslash and self.quote is None


# ---- the view back to cells --------------------------------------------------------------
@lru_cache(maxsize=16)
def _line_cells(view: str) -> Tuple[Tuple[int, int], ...]:
    """Per view line (0-based): (cell number, 1-based line in the cell); 0 on a marker line."""
    out: List[Tuple[int, int]] = []
    cell, line = 0, 0
    pending: List[int] = []  # lines before the first marker belong to the first cell
    for index, text in enumerate(view.split("\n")):
        found = _CELL_RE.match(text)
        if found:
            cell, line = int(found.group(1)), 0
            out.append((cell, 0))
            continue
        line += 1
        out.append((cell, line))
        if cell == 0:
            pending.append(index)
    return tuple(out)


def cell_position(view: str, line: int) -> Optional[Tuple[int, int]]:
    """(cell number, line in the cell) of the view's 1-based ``line``; a marker line is the
    cell's first line."""
    table = _line_cells(view)
    if not 0 < line <= len(table):
        return None
    cell, in_cell = table[line - 1]
    if cell == 0:
        first = next((c for c, _ in table if c), None)
        return (first, line) if first else None
    return cell, max(in_cell, 1)


def where(texts: Any, path: str, line: int, col: Optional[int] = None) -> str:
    """``12:5`` for a Python file, ``cell 3:2:5`` for a notebook (text reports)."""
    suffix = f":{col}" if col is not None else ""
    if is_notebook(path):
        try:
            view = texts[path]
        except KeyError:
            view = ""
        found = cell_position(view, line) if view else None
        if found is not None:
            return f"cell {found[0]}:{found[1]}{suffix}"
    return f"{line}{suffix}"


def cell_message(view: str, message: str) -> str:
    """A parse error's ``at 4:7`` / ``line 4`` in view lines, said as ``cell 3, line 2``."""
    def at(found: "re.Match[str]") -> str:
        where_ = cell_position(view, int(found.group(2)))
        if where_ is None:
            return found.group(0)
        col = f", column {found.group(3)}" if found.group(3) else ""
        return f"{found.group(1)}cell {where_[0]}, line {where_[1]}{col}"
    return re.sub(r"\b(at |line )(\d+)(?::(\d+))?", at, message)


def cells_of(view: str) -> Dict[int, str]:
    """Cell number -> source, from a (possibly rewritten) view, magics restored."""
    cells: Dict[int, List[str]] = {}
    order: List[int] = []
    pending: List[str] = []
    current: Optional[int] = None
    lines = view.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for text in lines:
        found = _CELL_RE.match(text)
        if found:
            current = int(found.group(1))
            cells[current] = pending if not order else []
            pending = []
            order.append(current)
            continue
        magic = _MAGIC_RE.match(text)
        if magic:
            text = magic.group(1) + magic.group(2)
        if current is None:
            pending.append(text)
        else:
            cells[current].append(text)
    return {n: "\n".join(body) for n, body in cells.items()}


def source(data: bytes) -> Source:
    """A notebook's bytes as a ``Source`` whose text is the Python view."""
    try:
        notebook = load(data)
    except NotebookError as exc:
        raise SourceError(str(exc)) from None
    view, dropped = _view(notebook)
    note = "; ".join(f"cell {n} not parsed ({why}): its other cells are analysed" for n, why in dropped)
    return Source(data, view, "utf-8", note or None)


def module_name(stem: str) -> str:
    """An importable-looking name for a notebook (``Enrich users-2`` -> ``Enrich_users_2``)."""
    name = re.sub(r"\W", "_", stem) or "notebook"
    return f"_{name}" if name[0].isdigit() else name
