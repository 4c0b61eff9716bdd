"""The ``# noqa`` comment syntax: the one parser that suppression, LLM100 and ``--add-noqa`` share.

It reads a comment's text only, so it costs no libcst import: the facts pass hands it libcst
comments, LLM100 and ``--add-noqa`` hand it ``tokenize`` comments.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Tuple

NOQA_RE = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)
# A file may hold an LLM noqa comment only if this matches somewhere in it (cheap, no tokenize).
LLM_NOQA_HINT = re.compile(r"noqa\s*:[^\n]*LLM", re.IGNORECASE)


@dataclass(frozen=True)
class Noqa:
    """A ``# noqa`` directive found in a comment."""

    codes: Tuple[str, ...]  # upper-case, in the order written; empty for a blanket ``# noqa``
    start: int  # where the directive starts in the comment (its ``#``)
    end: int  # where it ends
    codes_span: Optional[Tuple[int, int]]  # where the codes are, to edit them in place

    @property
    def blanket(self) -> bool:
        return not self.codes


def parse(comment: str) -> Optional[Noqa]:
    """The ``# noqa`` directive in ``comment`` (a comment's text, from ``#``), or None."""
    m = NOQA_RE.search(comment)
    if m is None:
        return None
    raw = m.group("codes")
    codes = tuple(c.upper() for c in re.split(r"[\s,]+", raw) if c) if raw else ()
    return Noqa(codes, m.start(), m.end(), m.span("codes") if raw else None)
