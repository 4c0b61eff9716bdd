"""Strings the code computes, read as far as their literal start: the module a dynamic import
names (``import_module(f"stages.{name}")`` -> ``stages.*``) and the attribute ``getattr`` looks up
through a local (``attr = "run"; getattr(m, attr)``).

A dynamic import whose name has a literal package prefix loads one of that package's modules;
which one is data, so the graph takes them all (``project/modules.py``). A name with no literal
prefix (``import_module(name)`` from configuration) names nothing: every module would be a guess.
"""
from __future__ import annotations

from typing import Callable, List, Optional, Tuple

import libcst as cst

from llm_latency_lint.catalog.dispatch import ANY_MODULE as ANY
from llm_latency_lint.syntax.literals import literal

MAX_DEPTH = 4  # locals followed back to the string they hold

# (text, complete): the literal start of a string expression, and whether that is all of it
Prefix = Tuple[str, bool]
Lookup = Callable[[str], List[cst.BaseExpression]]


def string_prefix(node: cst.BaseExpression, lookup: Lookup, depth: int = 0) -> Optional[Prefix]:
    """The literal text a string expression starts with: a literal (complete), an f-string's text
    before its first substitution, ``"pkg." + x``, ``"pkg.%s" % x``, ``"pkg.{}".format(x)``, or a
    local holding one of those (one assignment); None when nothing literal starts it."""
    value = literal(node)
    if isinstance(value, str):
        return value, True
    if depth > MAX_DEPTH:
        return None
    if isinstance(node, cst.FormattedString):
        text: List[str] = []
        for part in node.parts:
            if not isinstance(part, cst.FormattedStringText):
                return "".join(text), False
            text.append(part.value)
        return "".join(text), True
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        left = string_prefix(node.left, lookup, depth + 1)
        if left is None or not left[1]:
            return left
        right = string_prefix(node.right, lookup, depth + 1)
        return (left[0] + right[0], right[1]) if right is not None else (left[0], False)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
        text_value = literal(node.left)
        return (text_value.split("%", 1)[0], False) if isinstance(text_value, str) else None
    if (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format"):
        text_value = literal(node.func.value)
        return (text_value.split("{", 1)[0], False) if isinstance(text_value, str) else None
    if isinstance(node, cst.Name):
        values = lookup(node.value)
        return string_prefix(values[0], lookup, depth + 1) if len(values) == 1 else None
    return None


def module_spec(node: cst.Call, lookup: Lookup, module: str, package_file: bool) -> Optional[str]:
    """The module an ``import_module`` / ``__import__`` call names: ``pkg.mod`` for a literal (a
    relative one resolved against ``package=``), ``pkg.prefix*`` for a computed name with a literal
    package prefix; None when the name has none (``pkg`` must be named by the code)."""
    positional = [a.value for a in node.args if a.keyword is None and not a.star]
    named = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
    name = positional[0] if positional else named.get("name")
    if name is None:
        return None
    found = string_prefix(name, lookup)
    if found is None:
        return None
    text, complete = found
    if text.startswith("."):
        package = positional[1] if len(positional) > 1 else named.get("package")
        base = _package(package, module, package_file) if package is not None else None
        if not base:
            return None
        dots = len(text) - len(text.lstrip("."))
        parts = base.split(".")
        if dots - 1 >= len(parts):
            return None
        text = ".".join(parts[:len(parts) - (dots - 1)]) + "." + text[dots:]
    if complete:
        return text or None
    return text + ANY if "." in text else None


def attribute_pattern(node: cst.BaseExpression, lookup: Lookup) -> Optional[str]:
    """The attribute ``getattr`` looks up: a literal name (or a local holding one), or for an
    f-string a pattern with ``*`` for each substitution (``f"handle_{kind}"`` -> ``handle_*``) when at
    least two characters are literal; a plain variable names nothing (every method would be a guess)."""
    if isinstance(node, cst.Name):
        found = string_prefix(node, lookup)
        return found[0] if found and found[1] and found[0].isidentifier() else None
    value = literal(node)
    if isinstance(value, str):
        return value if value.isidentifier() else None
    if not isinstance(node, cst.FormattedString):
        return None
    parts = [p.value if isinstance(p, cst.FormattedStringText) else ANY for p in node.parts]
    pattern = "".join(parts)
    return pattern if len(pattern.replace(ANY, "")) >= 2 and pattern.replace(ANY, "a").isidentifier() else None


def attribute_choices(node: cst.BaseExpression, sources: Lookup, lookup: Lookup) -> List[str]:
    """The names ``getattr`` looks up through a loop variable over literal names (``for hook in
    ("setup", "teardown")``, or over a module constant holding them): the code lists them, so each is
    one, and no other (a computed import's module is not searched for every name: ``project/modules.py``);
    [] when the loop draws from anything but literal identifiers."""
    if not isinstance(node, cst.Name):
        return []
    names: List[str] = []
    for source in sources(node.value):
        if isinstance(source, cst.Name):
            held = lookup(source.value)
            source = held[0] if len(held) == 1 else source
        if not isinstance(source, (cst.Tuple, cst.List, cst.Set)) or not source.elements:
            return []
        for element in source.elements:
            value = literal(element.value) if not isinstance(element, cst.StarredElement) else None
            if not isinstance(value, str) or not value.isidentifier():
                return []
            names.extend([value] if value not in names else [])
    return names


def _package(node: cst.BaseExpression, module: str, package_file: bool) -> Optional[str]:
    """``package="pkg"``, ``__package__`` (this file's package), ``__name__`` (this module)."""
    value = literal(node)
    if isinstance(value, str):
        return value
    if isinstance(node, cst.Name) and node.value == "__name__":
        return module
    if isinstance(node, cst.Name) and node.value == "__package__":
        return module if package_file else module.rpartition(".")[0]
    return None


def has_fromlist(node: cst.Call) -> bool:
    """``__import__(name, globals, locals, fromlist)`` with a non-empty literal ``fromlist`` returns
    the leaf module (``__import__("a.b", fromlist=[""])`` is ``a.b``), not the top package."""
    positional = [a.value for a in node.args if a.keyword is None and not a.star]
    found = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "fromlist"),
                 positional[3] if len(positional) > 3 else None)
    return isinstance(found, (cst.List, cst.Tuple, cst.Set)) and bool(found.elements)
