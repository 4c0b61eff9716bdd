"""The attribute path a call takes after a receiver of no known value: what the shape fallback
(``providers.match_unresolved`` / ``match_shape``) matches when types run out.

A receiver has no value when nothing in the project constructs it, or a library the catalog does
not know does: an unannotated parameter no caller gives a client, ``client: Any``, a container's
item (``unknown_root_path``), and (``untyped_receiver_path``) a ``self.`` attribute set from one, a
module global built by such a library (``client = make_client()``, read here or imported from
``config``), a class attribute, or a call's result (``get_client().chat.completions.create``,
``factory.build().messages.create``). The path starts after the first step that holds nothing,
where the step before it held a project module, class or object (whose attribute it is) or was the
call itself: ``fn.chat.completions.create`` on a project function, or a library name's attribute,
is not a client the project lost track of.
"""
from __future__ import annotations

from typing import Callable, Iterable, List, Tuple

from llm_latency_lint.catalog import dispatch
from llm_latency_lint.model import Expr
from llm_latency_lint.project.values import Kind, Values

__all__ = ["unknown_root_path", "untyped_receiver_path"]

# What a receiver's owner may hold for an empty attribute of it to be a lost value: a module's
# global, a class's or an object's attribute.
_OWNERS = frozenset({Kind.MODULE, Kind.CLASS, Kind.OBJ})


def unknown_root_path(expr: Expr) -> Tuple[str, ...]:
    """For ``x.a.b.c`` with an unknown ``x`` (``client: Any`` is as unknown): ("a", "b", "c")."""
    path: List[str] = []
    node = expr
    while node and node[0] == "attr":
        path.append(str(node[2]))
        node = node[1]
    opaque = bool(node) and (node[0] == "type" and node[1] in dispatch.OPAQUE_ANY_ANNOTATIONS or node[0] == "any" and any(
        m and m[0] == "type" and m[1] in dispatch.OPAQUE_ANY_ANNOTATIONS for m in node[1]))  # ``llm: Any`` of a constructor
    if node and (node[0] in ("unknown", "param", "item") or opaque) and path:
        return tuple(reversed(path))
    return ()


def untyped_receiver_path(callee: Expr, value: Callable[[Expr], Values],
                          assigned: Callable[[Expr], Iterable[Expr]]) -> Tuple[str, ...]:
    """``self.client.chat.completions.create`` where ``self.client`` holds nothing: ("chat",
    "completions", "create"); ``settings.client.messages.create`` (a module global) and
    ``make().embed_content`` likewise. ``value`` evaluates an expression in the call's function,
    ``assigned`` gives what the code assigns to a step (a global's, an attribute's expressions): one
    built by a test double (``MagicMock()``, ``dispatch.STAND_IN_FACTORIES``) answers any path."""
    steps = _steps(callee)
    if not steps:
        return ()
    path = _lost_path(steps, value)
    if path and any(_stand_in(e) for expr, _ in steps[:len(steps) - len(path)] for e in assigned(expr)):
        return ()
    return path


def _stand_in(expr: Expr) -> bool:
    """Is ``expr`` (or one of its alternatives) a test double's construction?"""
    if expr and expr[0] == "any":
        return any(_stand_in(e) for e in expr[1])
    return bool(expr) and expr[0] == "call" and bool(expr[1]) and expr[1][0] == "name" \
        and str(expr[1][1]) in dispatch.STAND_IN_FACTORIES


def _lost_path(steps: List[Tuple[Expr, str]], value: Callable[[Expr], Values]) -> Tuple[str, ...]:
    """The names after the first step holding nothing, where that step is an attribute of a project
    module, class or object, or a call."""
    before: Values = frozenset()
    for at, (expr, _) in enumerate(steps[:-1]):
        held = value(expr)
        if held:
            before = held
            continue
        if expr[0] == "name" and not before:
            continue  # a package prefix of a dotted name (``app`` of ``app.config.client``)
        lost = (at == 0 and expr[0] == "call") or (bool(before) and all(a.kind in _OWNERS for a in before))
        return tuple(name for _, name in steps[at:-1]) if lost else ()
    return ()


def _steps(callee: Expr) -> List[Tuple[Expr, str]]:
    """The receivers from the root outwards, each with the name the next step reads from it; a
    dotted name ``mod.client.chat`` is its prefixes (``mod``, ``mod.client``, ...)."""
    attrs: List[str] = []
    node = callee
    while node and node[0] == "attr":
        attrs.append(str(node[2]))
        node = node[1]
    if not node:
        return []
    attrs.reverse()
    if node[0] == "name":
        parts = str(node[1]).split(".")
        names = parts[1:] + attrs
        exprs: List[Expr] = [["name", ".".join(parts[:i])] for i in range(1, len(parts) + 1)]
        for name in attrs:
            exprs.append(["attr", exprs[-1], name])
        return list(zip(exprs, names + [""]))
    if node[0] not in ("self", "call"):
        return []
    exprs = [node]
    for name in attrs:
        exprs.append(["attr", exprs[-1], name])
    return list(zip(exprs, attrs + [""]))
