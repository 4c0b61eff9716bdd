"""The ``# noqa`` comment syntax: the one parser that suppression, LLM100 and ``--add-noqa`` share.

It reads a comment's text only, so it costs no libcst import: the facts pass hands it libcst
comments, LLM100 and ``--add-noqa`` hand it ``tokenize`` comments.
"""
from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass
from typing import Iterator, List, Optional, Tuple

from llm_latency_lint.syntax.lines import source_lines

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


@dataclass
class NoqaComment:
    line: int
    col: int  # 0-based start of the comment token
    text: str  # the whole comment, from "#"
    codes: List[str]  # upper-case, in the order written
    alone: bool  # the comment is the only thing on its line
    noqa: Noqa  # the parsed directive


def comments(text: str) -> Iterator[NoqaComment]:
    """``# noqa: CODES`` comments of a file (nothing when the file does not tokenize)."""
    if not LLM_NOQA_HINT.search(text):
        return
    lines = source_lines(text, keepends=False)
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
            if tok.type != tokenize.COMMENT:
                continue
            noqa = parse(tok.string)
            if noqa is not None and noqa.codes:
                line, col = tok.start
                yield NoqaComment(line, col, tok.string, list(noqa.codes), not lines[line - 1][:col].strip(), noqa)
    except (tokenize.TokenError, SyntaxError):
        return  # the file's own error is reported by the engine
