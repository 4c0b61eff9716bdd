"""Folders a script puts on ``sys.path`` before it imports: ``sys.path.insert(0, X)``,
``sys.path.append(X)``, ``sys.path.extend([X])``, ``site.addsitedir(X)``.

A script that does ``sys.path.insert(0, os.path.join(os.path.dirname(__file__), "src"))`` and then
``from summarizer import Summarizer`` imports ``src/summarizer.py``: the project stage
(``project/path_roots.py``) resolves that file's bare imports against the folders recorded here.
Only what the text shows is read (no code runs): string literals, ``__file__``, ``os.getcwd()`` /
``Path.cwd()``, and ``os.path`` / ``pathlib`` steps over them (``dirname``, ``abspath``,
``realpath``, ``normpath``, ``join``, ``Path(...)``, ``.parent``, ``.parents[n]``, ``.resolve()``,
``/``, ``str(...)``), through module-level names bound once (``ROOT = Path(__file__).parent``).

A folder built from ``__file__`` is written ``__file__/..`` steps (``__file__/../src``), relative to
the file; any other relative text is relative to the working directory, which the project stage
reads as the file's folder or the scanned root.
"""
from __future__ import annotations

import posixpath
from typing import Callable, Dict, List, Optional

import libcst as cst

from llm_latency_lint.model import PATH_FROM_FILE as FILE
from llm_latency_lint.syntax.literals import dotted, literal

MAX_DEPTH = 16  # nested steps worth following: real path expressions are a few deep
# ``os.path`` functions (and ``pathlib`` methods) that keep the path they are given, up to normalising.
_SAME = frozenset({"abspath", "realpath", "normpath", "expanduser", "resolve", "absolute", "str", "Path",
                   "PurePath", "PosixPath", "fspath"})
_ADDERS = frozenset({"insert", "append", "extend"})


def path_roots(module: cst.Module) -> List[str]:
    """The folders ``module``'s top-level code (and its ``if`` / ``try`` / ``with`` blocks and
    functions) adds to ``sys.path``, in order."""
    names: Dict[str, cst.BaseExpression] = {}
    found: List[str] = []
    _scan(module.body, names, found, True)
    return list(dict.fromkeys(found))


def _scan(body: object, names: Dict[str, cst.BaseExpression], found: List[str], top: bool) -> None:
    for stmt in body if isinstance(body, (list, tuple)) else ():
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Assign) and top and len(small.targets) == 1 \
                        and isinstance(small.targets[0].target, cst.Name):
                    name = small.targets[0].target.value
                    names[name] = small.value if name not in names else cst.Name("None")  # bound once only
                elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
                    found.extend(_added(small.value, names))
        elif isinstance(stmt, (cst.If, cst.Try, cst.With, cst.FunctionDef)):
            _scan(getattr(stmt.body, "body", ()), names, found, top and not isinstance(stmt, cst.FunctionDef))
            for handler in getattr(stmt, "handlers", ()):  # ``except ImportError: sys.path.append(...)``
                _scan(getattr(handler.body, "body", ()), names, found, top)
            orelse = getattr(stmt, "orelse", None)
            if isinstance(orelse, (cst.If, cst.Else)):
                _scan([orelse] if isinstance(orelse, cst.If) else orelse.body.body, names, found, top)


def _added(call: cst.Call, names: Dict[str, cst.BaseExpression]) -> List[str]:
    """The folders one call adds to ``sys.path``."""
    func = call.func
    if not isinstance(func, cst.Attribute):
        return []
    owner = dotted(func.value) or ""
    method = func.attr.value
    if owner == "site" and method == "addsitedir" or owner == "sys.path" and method == "append":
        values = [call.args[0].value] if call.args else []
    elif owner == "sys.path" and method == "insert":
        values = [call.args[1].value] if len(call.args) > 1 else []
    elif owner == "sys.path" and method == "extend" and call.args and isinstance(call.args[0].value, (cst.List, cst.Tuple)):
        values = [e.value for e in call.args[0].value.elements]
    else:
        return []
    return [p for p in (_path(v, names.get, 0) for v in values) if p]


Bound = Callable[[str], Optional[cst.BaseExpression]]  # the value a name is bound to, if one


def path_text(node: cst.BaseExpression, bound: Bound) -> Optional[str]:
    """The path ``node`` builds, ``__file__/..`` steps for one built from the file (module docstring);
    ``bound`` gives the value a name holds (module names, or a function's locals too)."""
    return _path(node, bound, 0)


def _path(node: cst.BaseExpression, names: Bound, depth: int) -> Optional[str]:
    if depth > MAX_DEPTH:
        return None
    value = literal(node) if isinstance(node, cst.SimpleString) else None
    if isinstance(value, str):
        return value.replace("\\", "/") or "."
    if isinstance(node, cst.Name):
        if node.value == FILE:
            return FILE
        bound = names(node.value)
        return _path(bound, names, depth + 1) if bound is not None else None
    if isinstance(node, cst.Attribute) and node.attr.value == "parent":
        inner = _path(node.value, names, depth + 1)
        return _up(inner, 1)
    if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Attribute) and node.value.attr.value == "parents":
        index = node.slice[0].slice if len(node.slice) == 1 else None
        level = literal(index.value) if isinstance(index, cst.Index) else None
        return _up(_path(node.value.value, names, depth + 1), level + 1) if isinstance(level, int) and level >= 0 else None
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide):
        return _join(_path(node.left, names, depth + 1), _path(node.right, names, depth + 1))
    if not isinstance(node, cst.Call):
        return None
    callee = dotted(node.func) or ""
    last = callee.rsplit(".", 1)[-1] if callee else (node.func.attr.value if isinstance(node.func, cst.Attribute) else "")
    args = [a.value for a in node.args if a.keyword is None and not a.star]
    if last in ("getcwd", "cwd") and not args:
        return "."
    if isinstance(node.func, cst.Attribute) and not callee.startswith(("os.", "Path")) and last in _SAME and not args:
        return _path(node.func.value, names, depth + 1)  # ``Path(__file__).resolve()``
    if last == "dirname" and len(args) == 1:
        return _up(_path(args[0], names, depth + 1), 1)
    if last in _SAME and len(args) == 1:
        return _path(args[0], names, depth + 1)
    if last in ("join", "Path", "joinpath") and args:
        parts = [_path(a, names, depth + 1) for a in args]
        if isinstance(node.func, cst.Attribute) and last == "joinpath":
            parts.insert(0, _path(node.func.value, names, depth + 1))
        joined = parts[0]
        for part in parts[1:]:
            joined = _join(joined, part)
        return joined
    return None


def _up(path: Optional[str], levels: int) -> Optional[str]:
    return None if path is None else path + "/.." * levels


def _join(left: Optional[str], right: Optional[str]) -> Optional[str]:
    if left is None or right is None:
        return None
    return right if right.startswith("/") else posixpath.join(left, right)
