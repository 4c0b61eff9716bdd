"""Stable keys for expressions: the same literal gets the same key in every run.

A container literal is a solver node (``("members", "literal:<key>")``) and a binding is made
once per argument expression; keyed by ``id()`` they differed from run to run, so a solved
graph could not be stored and compared. An expression's value depends only on its content
(names in facts are already qualified), so equal literals may share one node.
"""
from __future__ import annotations

import hashlib
from typing import Dict, Set, Tuple

from llm_latency_lint.model import Expr


class ExprKeys:
    def __init__(self) -> None:
        self._by_id: Dict[int, Tuple[Expr, str]] = {}  # the expression is held: its id stays its own
        self.seen: Set[Tuple[str, ...]] = set()  # stored with a solved graph (``state``)

    def key(self, expr: Expr) -> str:
        """A digest of the expression's content."""
        hit = self._by_id.get(id(expr))
        if hit is not None and hit[0] is expr:
            return hit[1]
        key = hashlib.blake2b(repr(expr).encode(), digest_size=12).hexdigest()
        self._by_id[id(expr)] = (expr, key)
        return key

    def first(self, scope: Tuple[str, ...], expr: Expr) -> bool:
        """True the first time ``expr`` (by content) is met in ``scope``."""
        marker = (*scope, self.key(expr))
        if marker in self.seen:
            return False
        self.seen.add(marker)
        return True
