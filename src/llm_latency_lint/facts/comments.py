"""Comments of the facts pass: ``# noqa`` codes and ``# llm-latency: <class>`` pragmas by line."""
from __future__ import annotations

import re
from collections import Counter
from typing import Dict

import libcst as cst

from llm_latency_lint.facts.pass_state import PassState
from llm_latency_lint.syntax.noqa import parse as parse_noqa

PRAGMA_RE = re.compile(r"#\s*llm-latency:\s*(?P<cls>real-time|near-real-time|scheduled|mixed|unknown)\b")
_COMMENT_WORDS = re.compile(r"noqa|llm-latency", re.IGNORECASE)


def comments_matter(text: str) -> bool:
    """Can a comment of ``text`` change its facts? Only ``# noqa`` and ``# llm-latency:`` comments
    do (``CommentsMixin``), and the only handler for nodes in layout fields is ``visit_Comment``,
    so a text naming neither is walked without them (``syntax.walk``'s ``layout=False``) and
    gets the same facts."""
    return _COMMENT_WORDS.search(text) is not None


class CommentsMixin(PassState):
    """noqa and pragma comments for ``FactsVisitor``."""

    def visit_Comment(self, node: cst.Comment) -> None:
        noqa = parse_noqa(node.value)
        pragma = PRAGMA_RE.search(node.value)
        if noqa is not None or pragma:  # most comments are neither: no position needed
            self.comments_seen.append((node, noqa, pragma.group("cls") if pragma else ""))  # placed at the end

    def _place_comments(self) -> None:
        """The lines of the noqa and pragma comments, in source order (the walk's): the n-th comment
        of a text is the n-th of the file's comments with that text, all found in one pass (``Positions.comment_lines``)."""
        lines = self._positions.comment_lines(Counter(node.value for node, _, _ in self.comments_seen))
        nths: Dict[str, int] = {}
        for node, noqa, pragma in self.comments_seen:
            nth = nths[node.value] = nths.get(node.value, -1) + 1
            line = self._positions.comment_line(node, nth, lines.get(node.value, ()))
            if noqa is not None:
                self.facts.noqa[line] = sorted(set(noqa.codes))
            if pragma:
                self.pragmas[line] = pragma

    def _apply_pragmas(self) -> None:
        self._place_comments()
        if not self.pragmas:
            return
        for site in self.facts.call_sites:
            site.pragma = self.pragmas.get(site.line) or self.pragmas.get(site.end_line)
        for fn in self.facts.functions.values():
            fn.pragma = self.pragmas.get(fn.line) or self.pragmas.get(fn.line - 1)
