"""A module loaded from a file path: ``importlib.util.module_from_spec(spec)`` where ``spec =
importlib.util.spec_from_file_location("name", Path(__file__).parent / "jobs" / "main.py")``.

The path is read as ``facts/path_roots.py`` reads ``sys.path`` entries (literals, ``__file__``,
``os.path`` and ``pathlib`` steps, names bound once, a function's locals too), and resolved against
the loading file's own path: the module is that project file (``file:<path>``, which
``project/modules.py`` maps to its module), so ``module.main`` is that file's ``main``. A path
read from configuration or built from a loop names no file: the name-based fallback applies
(``project/byname.py``).
"""
from __future__ import annotations

import posixpath
from typing import Callable, List, Optional

import libcst as cst

from llm_latency_lint.catalog.dispatch import (
    ANY_MODULE,
    BUILTIN_IMPORT,
    IMPORTERS,
    SPEC_FILE,
    SPEC_LOADER,
)
from llm_latency_lint.facts.computed import has_fromlist, module_spec
from llm_latency_lint.facts.path_roots import path_text
from llm_latency_lint.model import PATH_FROM_FILE, Expr

Lookup = Callable[[str], List[cst.BaseExpression]]
SPEC_MAKERS = ("spec_from_file_location",)


def loaded_module(func: Expr, node: cst.Call, lookup: Lookup, module: str, path: str) -> Optional[Expr]:
    """The expression of a call that loads a module, None for any other call: ``import_module(spec)``
    / ``__import__`` (``facts/computed.py``), and ``module_from_spec`` of a file spec (as an import of
    ``file:<path>``; of a spec not read, the loader's own call, for the name-based fallback)."""
    if func == ["unknown", BUILTIN_IMPORT] or (func[0] == "name" and func[1] in IMPORTERS):
        spec = module_spec(node, lookup, module, path.endswith("__init__.py"))
        importer = func[1] if func[0] == "name" else "importlib.__import__"
        if str(importer).endswith("__import__") and has_fromlist(node):
            importer = "importlib.import_module"  # ``__import__("a.b", fromlist=[""])`` returns ``a.b``
        return ["call", ["name", importer], spec]
    found = spec_file(node, lookup, path) if func == ["name", SPEC_LOADER] else None
    return ["call", ["name", "importlib.import_module"], found] if found else None


def computed_import(expr: Expr) -> bool:
    """Does ``expr`` (a local's values included) hold a module a computed name loads
    (``import_module(f"adapters.{kind}")``, encoded with the spec ``adapters.*``)?"""
    if not isinstance(expr, list) or not expr:
        return False
    if (expr[0] == "call" and len(expr) == 3 and expr[1] == ["name", "importlib.import_module"]
            and isinstance(expr[2], str) and expr[2].endswith(ANY_MODULE)):
        return True
    return any(computed_import(part) for part in expr[1:] if isinstance(part, list))


def spec_file(node: cst.Call, lookup: Lookup, path: str) -> Optional[str]:
    """``file:<path from the scan root>`` of the module ``module_from_spec(node's spec)`` loads."""
    spec = next((a.value for a in node.args if not a.star), None)
    if isinstance(spec, cst.Name):
        values = lookup(spec.value)
        spec = values[0] if len(values) == 1 else None
    if not isinstance(spec, cst.Call) or _last(spec.func) not in SPEC_MAKERS:
        return None
    location = next((a.value for a in spec.args if a.keyword is not None and a.keyword.value == "location"), None)
    plain = [a.value for a in spec.args if a.keyword is None and not a.star]
    location = location if location is not None else plain[1] if len(plain) > 1 else None
    text = path_text(location, lambda name: _one(lookup(name))) if location is not None else None
    if not text or not text.endswith(".py") or not text.startswith(PATH_FROM_FILE + "/"):
        return None  # relative to the working directory, or no Python file: not read
    resolved = posixpath.normpath(posixpath.join(path, text[len(PATH_FROM_FILE) + 1:]))
    return None if resolved.startswith("..") else SPEC_FILE + resolved


def _one(values: List[cst.BaseExpression]) -> Optional[cst.BaseExpression]:
    return values[0] if len(values) == 1 else None


def _last(node: cst.BaseExpression) -> str:
    return node.attr.value if isinstance(node, cst.Attribute) else node.value if isinstance(node, cst.Name) else ""
