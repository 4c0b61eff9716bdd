"""Comments of the facts pass: ``# noqa`` codes and ``# llm-latency: <class>`` pragmas by line."""
from __future__ import annotations

import re

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
        if noqa is None and not pragma:
            return  # most comments: no position needed
        nth = self.comments_seen.get(node.value, 0)  # comments are visited in source order
        self.comments_seen[node.value] = nth + 1
        line = self._positions.comment_line(node, nth)
        if noqa is not None:
            self.facts.noqa[line] = sorted(set(noqa.codes))
        if pragma:
            self.pragmas[line] = pragma.group("cls")

    def _apply_pragmas(self) -> None:
        if not self.pragmas:
            return
        for site in self.facts.call_sites:
            site.pragma = self.pragmas.get(site.line) or self.pragmas.get(site.end_line)
        for fn in self.facts.functions.values():
            fn.pragma = self.pragmas.get(fn.line) or self.pragmas.get(fn.line - 1)
