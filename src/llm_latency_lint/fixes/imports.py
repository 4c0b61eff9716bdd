"""Adding imports where isort and Ruff's ``I001`` expect them, so a fix adds no lint error.

Ruff's defaults (the isort profile): the top import block is split into sections (``__future__``,
standard library, third party, first party, local folder) separated by one blank line; in a
section, ``import x`` lines come before ``from x import y`` lines, each sorted by module name
(case-insensitively); the names of a ``from`` import are sorted constants first, then classes,
then the rest; one ``from`` statement per module; a line longer than 88 characters is wrapped
one name per line with a trailing comma.

A new import is inserted where that order puts it among the block's existing statements
(merged into an existing ``from`` import of the same module); existing lines are never moved, so
a file that follows another style gets at most the one new line out of place, and a file that is
already unsorted stays one ``I001``.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, Iterable, List, Optional, Sequence, Set, Tuple, Union

import libcst as cst

FUTURE, STDLIB, THIRD_PARTY, FIRST_PARTY, LOCAL = range(5)
LINE_LENGTH = 88  # Ruff's default, what ``ruff check --isolated`` uses

_STDLIB: Set[str] = set(getattr(sys, "stdlib_module_names", ())) or {  # Python 3.9 has no list
    "abc", "argparse", "ast", "asyncio", "base64", "collections", "concurrent", "contextlib", "copy",
    "csv", "dataclasses", "datetime", "decimal", "enum", "functools", "glob", "hashlib", "heapq",
    "http", "importlib", "inspect", "io", "itertools", "json", "logging", "math", "os", "pathlib",
    "pickle", "queue", "random", "re", "shutil", "signal", "socket", "sqlite3", "string", "struct",
    "subprocess", "sys", "tempfile", "textwrap", "threading", "time", "traceback", "types", "typing",
    "unittest", "urllib", "uuid", "warnings", "weakref", "zipfile",
}

FirstParty = Callable[[str], bool]  # is this module the project's own?
Wanted = Tuple[str, Optional[str]]  # (module, name) for ``from module import name``; (module, None): ``import module``


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def section(module: str, first_party: FirstParty) -> int:
    if module.startswith("."):
        return LOCAL
    top = module.split(".", 1)[0]
    if top == "__future__":
        return FUTURE
    if top in _STDLIB:
        return STDLIB
    if first_party(module):
        return FIRST_PARTY
    return THIRD_PARTY


def project_modules(root: Path, also: Iterable[Tuple[str, str]] = ()) -> FirstParty:
    """Ruff's first-party test: the module is a file or folder under ``root`` or ``root/src``
    (the whole dotted path, as Ruff resolves it). ``also``: (module, relative path) of files the
    fix is about to create, judged the same way."""
    bases = (root, root / "src")
    created = {module for module, relpath in also
               if any(Path(*module.split(".")).with_suffix(".py") == Path(relpath).relative_to(base.relative_to(root))
                      for base in bases if Path(relpath).parts[: len(base.relative_to(root).parts)]
                      == base.relative_to(root).parts)}

    def test(module: str) -> bool:
        if module in created:
            return True
        rel = Path(*module.split("."))
        return any((base / rel).is_dir() or (base / rel).with_suffix(".py").is_file() or
                   (base / rel).with_suffix(".pyi").is_file() for base in bases)

    return test


def member_key(name: str) -> Tuple[int, str, str]:
    """isort's ``order_by_type``: CONSTANTS, then Classes, then everything else."""
    if len(name) > 1 and name.isupper():
        rank = 0
    elif name[:1].isupper():
        rank = 1
    else:
        rank = 2
    return rank, name.lower(), name


def _module_of(stmt: cst.SimpleStatementLine) -> Optional[Tuple[bool, str, str]]:
    """(is a from-import, module, alias of ``import m as alias``) of a one-import line, or None."""
    if len(stmt.body) != 1:
        return None
    small = stmt.body[0]
    if isinstance(small, cst.Import):
        alias = small.names[0].asname
        return False, _code(small.names[0].name), _code(alias.name) if alias is not None else ""
    if isinstance(small, cst.ImportFrom):
        base = _code(small.module) if small.module is not None else ""
        return True, "." * len(small.relative) + base, ""
    return None


def _key(is_from: bool, module: str, first_party: FirstParty, alias: str = "") -> Tuple[int, int, str, str, str]:
    """Sections, then straight imports before ``from`` imports, then the module (``import m``
    before ``import m as a``)."""
    return section(module, first_party), int(is_from), module.lower(), module, alias


def _is_import(stmt: cst.CSTNode) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body)


def _is_docstring(stmt: cst.CSTNode) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and len(stmt.body) == 1
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def has_import(module: cst.Module, wanted: Wanted) -> bool:
    name, obj = wanted
    for stmt in module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if obj is None and isinstance(small, cst.Import):
                if any(_code(a.name) == name and a.asname is None for a in small.names):
                    return True
            if obj is not None and isinstance(small, cst.ImportFrom) and not small.relative and small.module is not None:
                if _code(small.module) == name and not isinstance(small.names, cst.ImportStar):
                    if any(_code(a.name) == obj and a.asname is None for a in small.names):
                        return True
    return False


def from_line(module: str, names: Sequence[str]) -> cst.SimpleStatementLine:
    names = sorted(dict.fromkeys(names), key=member_key)
    text = f"from {module} import {', '.join(names)}"
    if len(text) > LINE_LENGTH:
        text = f"from {module} import (\n" + "".join(f"    {n},\n" for n in names) + ")"
    stmt = cst.parse_statement(text + "\n")
    assert isinstance(stmt, cst.SimpleStatementLine)
    return stmt


def _merge(stmt: cst.SimpleStatementLine, obj: str) -> Optional[cst.SimpleStatementLine]:
    """``from m import a, c`` + ``b``: the statement with ``b`` in order; None if it cannot take it."""
    small = stmt.body[0]
    if not isinstance(small, cst.ImportFrom) or isinstance(small.names, cst.ImportStar):
        return None
    if any(a.asname is not None for a in small.names) or "#" in _code(small):
        return None  # aliases and comments inside: left as they are
    names = [_code(a.name) for a in small.names]
    base = _code(small.module) if small.module is not None else ""
    new = from_line("." * len(small.relative) + base, [*names, obj])
    return new.with_changes(leading_lines=stmt.leading_lines, trailing_whitespace=stmt.trailing_whitespace)


def _block(body: Sequence[cst.BaseStatement], module: str = "") -> Tuple[int, int]:
    """[start, end) of the run of top-level import lines a new import of ``module`` joins: the
    first run importing from its top-level package (a script importing its project's package
    after ``sys.path.insert(...)`` does it in a later run), else the first run; (where one goes,
    same) if there is none."""
    runs: List[Tuple[int, int]] = []
    i = 0
    while i < len(body):
        if _is_import(body[i]):
            end = i
            while end < len(body) and _is_import(body[end]):
                end += 1
            runs.append((i, end))
            i = end
        else:
            i += 1
    if not runs:
        at = 1 if body and _is_docstring(body[0]) else 0
        return at, at
    top = module.split(".", 1)[0]
    for start, end in runs:
        if top and any((_module_of(body[j]) or (False, "", ""))[1].split(".", 1)[0] == top  # type: ignore[arg-type]
                       for j in range(start, end)):
            return start, end
    return runs[0]


def _noqa_of(body: Sequence[cst.BaseStatement], start: int, end: int) -> Optional[str]:
    """The ``# noqa: E402`` every line of a later import run carries (imports after code), if so."""
    comments = []
    for stmt in body[start:end]:
        comment = stmt.trailing_whitespace.comment if isinstance(stmt, cst.SimpleStatementLine) else None
        comments.append(comment.value if comment is not None else "")
    return comments[0] if start > 0 and comments and all(c == comments[0] and "E402" in c for c in comments) else None


def _blank() -> List[cst.EmptyLine]:
    return [cst.EmptyLine()]


Statement = Union[cst.SimpleStatementLine, cst.BaseCompoundStatement]  # what a module's body holds


def spaced(stmt: Statement, wanted: int) -> Statement:
    """``stmt`` with at least ``wanted`` blank lines before it (before its leading comments)."""
    lines = list(stmt.leading_lines)
    blanks = 0
    for line in lines:
        if line.comment is not None:
            break
        blanks += 1
    if blanks >= wanted:
        return stmt
    return stmt.with_changes(leading_lines=[cst.EmptyLine() for _ in range(wanted - blanks)] + lines)


def add_imports(module: cst.Module, wanted: Iterable[Wanted], first_party: FirstParty) -> cst.Module:
    """``module`` with every wanted import present, each where Ruff's isort order puts it."""
    for item in dict.fromkeys(wanted):
        if has_import(module, item):
            continue
        module = _add_one(module, item, first_party)
    return module


def _add_one(module: cst.Module, wanted: Wanted, first_party: FirstParty) -> cst.Module:
    name, obj = wanted
    body = list(module.body)
    start, end = _block(body, name)
    if obj is not None:  # merge into ``from name import ...`` if the block has it
        for i in range(start, end):
            info = _module_of(body[i])  # type: ignore[arg-type]
            if info == (True, name, ""):
                merged = _merge(body[i], obj)  # type: ignore[arg-type]
                if merged is not None:
                    body[i] = merged
                    return module.with_changes(body=body)
    new = from_line(name, [obj]) if obj is not None else cst.parse_statement(f"import {name}\n")
    noqa = _noqa_of(body, start, end)
    if noqa is not None and isinstance(new, cst.SimpleStatementLine) and "\n" not in cst.Module([new]).code.strip():
        new = new.with_changes(trailing_whitespace=cst.TrailingWhitespace(
            whitespace=cst.SimpleWhitespace("  "), comment=cst.Comment(noqa)))
    key = _key(obj is not None, name, first_party)
    keys = []
    for i in range(start, end):
        info = _module_of(body[i])  # type: ignore[arg-type]
        keys.append(_key(info[0], info[1], first_party, info[2]) if info else None)
    at = next((start + k for k, other in enumerate(keys) if other is not None and other > key), end)
    prev = keys[at - start - 1] if at > start else None
    nxt = keys[at - start] if at < end else None
    if at < end:  # ``new`` goes right before ``body[at]``, an import of the block
        after = body[at]
        if nxt is not None and nxt[0] == key[0]:  # same section: ``new`` takes its place in it
            new = new.with_changes(leading_lines=after.leading_lines)
            body[at] = after.with_changes(leading_lines=[])
        elif prev is not None and prev[0] == key[0]:  # ends the previous section
            new = new.with_changes(leading_lines=[])
        else:  # a section of its own, before the next one
            new = new.with_changes(leading_lines=after.leading_lines)
            body[at] = after.with_changes(leading_lines=_blank())
    elif start < end:  # after the block's last import
        new = new.with_changes(leading_lines=[] if prev is not None and prev[0] == key[0] else _blank())
    elif at < len(body):  # no import yet: after the docstring, before the first statement
        following = body[at]
        body[at] = spaced(following, 2 if isinstance(following, (cst.FunctionDef, cst.ClassDef)) else 1)
    body.insert(at, new)
    return module.with_changes(body=body)
