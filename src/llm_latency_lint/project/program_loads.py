"""The modules a file loads at run time by name, read as imports for ``project/programs.py``.

``bot = importlib.import_module("bot")`` puts ``bot`` in the same program as its loader just as
``import bot`` would, so a runner verb there may hold the bot's object. The facts keep these loads
in two places: each call (``CallRef.values``: the literal first argument's ``repr``) and, where
the result is kept, the loaded-module expression (``facts/spec_files.py``: a literal name,
``pkg.prefix*`` for a computed name under a literal package, ``file:<path>``). A load whose name is
computed with no literal package (configuration, a parameter) may load anything: the answer is
``EVERY_MODULE``. A computed call is taken as one of the file's precise expressions when the file
has any (calls and expressions do not share positions), so a plugin loader stays scoped; the
expressions are read only for a file making such a call.
"""
from __future__ import annotations

import ast
from typing import Dict, Iterable, List, Optional

from llm_latency_lint.catalog.dispatch import (
    ANY_MODULE,
    BUILTIN_IMPORT,
    IMPORTERS,
    SPEC_FILE,
    SPEC_LOADER,
)
from llm_latency_lint.model import Expr, FileFacts

EVERY_MODULE = "*"
RUN_MODULE = "runpy.run_module"
_CALLEES = IMPORTERS | {SPEC_LOADER, RUN_MODULE}


def loads(facts: FileFacts, by_path: Dict[str, str]) -> List[str]:
    """Dotted names ``facts``' module loads at run time (``EVERY_MODULE`` for any module)."""
    found: List[str] = []
    precise = computed = False
    for fn in facts.functions.values():  # every load is a call some function (``<module>`` too) makes
        for ref in fn.calls:
            callee = _callee(ref.expr)
            if ref.kind != "call" or callee is None:
                continue
            name = _literal(ref.values[0]) if ref.values else None
            if name is None or callee == SPEC_LOADER:
                computed = True
            else:
                found.append(_absolute(name, ref.values or [], facts.module, facts.path))
    if not computed:
        return [name for name in found if name]
    for expr in facts.expressions():
        for spec in _specs(expr):
            if spec is None:
                continue
            if spec.startswith(SPEC_FILE):
                found.append(by_path.get(spec[len(SPEC_FILE):], EVERY_MODULE))
            elif spec.endswith(ANY_MODULE):
                found.append(spec[:-len(ANY_MODULE)].rpartition(".")[0])  # the package: every module under it
            else:
                continue
            precise = True
    if computed and not precise:
        found.append(EVERY_MODULE)
    return [name for name in found if name]


def _specs(expr: Expr) -> Iterable[Optional[str]]:
    """The specs of the loaded-module expressions nested in ``expr``."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if not isinstance(node, list) or not node:
            continue
        if node[0] == "call" and len(node) > 2 and node[1] in (["name", n] for n in IMPORTERS):
            yield node[2] if isinstance(node[2], str) else None
        stack.extend(part for part in node[1:] if isinstance(part, list))


def _callee(expr: Expr) -> Optional[str]:
    if expr == ["unknown", BUILTIN_IMPORT]:
        return "importlib.__import__"
    return str(expr[1]) if expr and expr[0] == "name" and expr[1] in _CALLEES else None


def _literal(text: str) -> Optional[str]:
    try:
        value = ast.literal_eval(text) if text else None
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) and value else None


def _absolute(name: str, values: List[str], module: str, path: str) -> str:
    """``import_module(".jobs", package="app")``: against the given package, else this file's."""
    if not name.startswith("."):
        return name
    given = _literal(values[1]) if len(values) > 1 else None
    base = (given or (module if path.endswith("__init__.py") else module.rpartition(".")[0])).split(".")
    dots = len(name) - len(name.lstrip("."))
    kept = base[:len(base) - (dots - 1)] if dots - 1 < len(base) else []
    return ".".join([*kept, name[dots:]]) if kept else ""

