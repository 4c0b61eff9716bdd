"""Suppression by ``# noqa``: does a line's comment silence a rule, and which of its codes did.

The codes on each line come from the facts pass (``FileFacts.noqa``, parsed by ``syntax.noqa``);
the codes that fired are what LLM100 (``rules/llm100.py``) needs to find the ones that silenced nothing.
"""
from __future__ import annotations

from typing import List, Optional, Sequence

from llm_latency_lint.rules.base import Used


def silencing(noqa: Optional[Sequence[str]], code: str) -> Optional[List[str]]:
    """None when ``noqa`` (a line's codes; empty for a blanket ``# noqa``) does not silence
    ``code``; else the codes as written that did (empty for a blanket one)."""
    if noqa is None:
        return None
    if not noqa:
        return []
    hits = [c for c in noqa if code.startswith(c)]
    return hits or None


def record(used: Optional[Used], path: str, line: int, codes: Sequence[str]) -> None:
    if used is not None:
        used.update((path, line, c) for c in codes)
