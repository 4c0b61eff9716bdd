"""Statements around a call, for recognisers that need "inside a ``while`` loop".

The facts visitor hands recognisers nodes without their parents. A recogniser that needs
the loop around a call remembers each function's node in ``on_function`` and, only when a
call of interest shows up, walks that function's own body once (nested defs, classes and
lambdas are other scopes and are skipped). Module-level code has no remembered node, so
loops at module level are not seen.
"""
from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Set, Tuple

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.syntax.kinds import kind_memo
from llm_latency_lint.syntax.walk import children

_OTHER_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)


def own_nodes(fn: cst.FunctionDef, loops: Tuple[type, ...] = (cst.While,)) -> Iterator[Tuple[cst.CSTNode, bool]]:
    """Every statement and expression node of a function's own body (``children``: no whitespace,
    comments or punctuation, and not libcst's ``node.children``, which rebuilds the subtree at each
    call), with whether a ``while`` loop (or one of ``loops``) encloses it."""
    scopes, looping = kind_memo(_OTHER_SCOPES), kind_memo(loops)
    stack = [(child, False) for child in reversed(children(fn.body))]
    while stack:
        node, in_while = stack.pop()
        yield node, in_while
        kind = type(node)
        scope = scopes.get(kind)
        if scope is None:
            scope = scopes[kind] = issubclass(kind, _OTHER_SCOPES)
        if scope:
            continue
        inner = in_while
        if not inner:
            inner = looping.get(kind)  # type: ignore[assignment]
            if inner is None:
                inner = looping[kind] = issubclass(kind, loops)
        stack.extend((child, inner) for child in reversed(children(node)))


class _OwnNodes(Recognizer):
    """Only the key of ``function_nodes``' per-file memo in ``Context.state``: never registered."""

    id = "enclosing-loops.own-nodes"


_OWN_NODES = _OwnNodes()


def function_nodes(ctx: "Context", fn: cst.FunctionDef) -> List[Tuple[cst.CSTNode, bool]]:
    """``own_nodes(fn)`` (``while`` loops), walked once per function and file however many
    recognisers read it: the Kafka, queue-poller and Redis-list recognisers each walked every
    function of every file (two full walks of each file's functions, a tenth of the facts pass)."""
    memo: Dict[int, List[Tuple[cst.CSTNode, bool]]] = ctx.state(_OWN_NODES)
    found = memo.get(id(fn))
    if found is None:
        found = memo[id(fn)] = list(own_nodes(fn))
    return found


class FunctionMemory:
    """Per-file memory of function nodes and of which calls in them sit inside a ``while``."""

    def __init__(self, owner: Recognizer) -> None:
        self.owner = owner

    def _nodes(self, ctx: "Context") -> Dict[str, cst.FunctionDef]:
        """Keys ``nodes``, ``while_calls`` and ``loop_calls`` of the owner's per-file dict are ours."""
        nodes: Dict[str, cst.FunctionDef] = ctx.state(self.owner).setdefault("nodes", {})
        return nodes

    def _calls(self, ctx: "Context", key: str) -> Dict[str, Set[int]]:
        calls: Dict[str, Set[int]] = ctx.state(self.owner).setdefault(key, {})
        return calls

    def remember(self, ctx: "Context", qualname: str, node: cst.FunctionDef) -> None:
        self._nodes(ctx)[qualname] = node

    def node(self, ctx: "Context", qualname: str) -> Optional[cst.FunctionDef]:
        return self._nodes(ctx).get(qualname)

    def in_while(self, ctx: "Context", call: cst.Call, any_loop: bool = False) -> bool:
        """Whether ``call`` (in the function being visited) runs inside a ``while`` loop there
        (or, with ``any_loop``, a ``for`` loop too)."""
        qualname = ctx.function
        key, loops = ("loop_calls", (cst.While, cst.For)) if any_loop else ("while_calls", (cst.While,))
        cache = self._calls(ctx, key)
        if qualname not in cache:
            fn = self.node(ctx, qualname)
            cache[qualname] = (
                {id(n) for n, looped in (own_nodes(fn, loops) if any_loop else function_nodes(ctx, fn))
                 if looped and isinstance(n, cst.Call)} if fn else set()
            )
        return id(call) in cache[qualname]
