"""Report ``# noqa: LLM...`` comments that suppressed nothing (LLM100), each with a safe fix.

The engine records every (path, line, code) a noqa comment used while applying the rules.
Comments are found with ``tokenize`` in every file read, parsed or not: a file whose last LLM
call is gone is skipped by the prefilter, but its stale noqa comments are still stale.
"""
from __future__ import annotations

import io
import tokenize
from dataclasses import dataclass
from typing import (
    TYPE_CHECKING,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
)

from llm_latency_lint.files.edits import Edit, Fix
from llm_latency_lint.files.read import source_lines
from llm_latency_lint.rules import ALL_RULES
from llm_latency_lint.suppress.noqa import Used
from llm_latency_lint.syntax.noqa import LLM_NOQA_HINT as _HINT
from llm_latency_lint.syntax.noqa import Noqa
from llm_latency_lint.syntax.noqa import parse as parse_noqa

if TYPE_CHECKING:  # pragma: no cover
    from llm_latency_lint.result import Finding

CODE = "LLM100"


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
    if not _HINT.search(text):
        return
    lines = source_lines(text, keepends=False)
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
            if tok.type != tokenize.COMMENT:
                continue
            noqa = parse_noqa(tok.string)
            if noqa is not None and noqa.codes:
                line, col = tok.start
                yield NoqaComment(line, col, tok.string, list(noqa.codes), not lines[line - 1][:col].strip(), noqa)
    except (tokenize.TokenError, SyntaxError):
        return  # the file's own error is reported by the engine


def _rules_matching(code: str) -> List[str]:
    return [r.code for r in ALL_RULES if r.code.startswith(code)]


def _fix(comment: NoqaComment, unused: Sequence[str], line_text: str) -> Optional[Fix]:
    noqa = comment.noqa
    kept = [c for c in comment.codes if c not in unused]
    if kept and noqa.codes_span is not None:
        start, end = noqa.codes_span
        new = comment.text[:start] + ", ".join(kept) + comment.text[end:]
        edit = Edit("", comment.line, comment.col + 1, comment.line, comment.col + 1 + len(comment.text), new)
    else:
        rest = comment.text[noqa.end:].strip(" \t-:")
        before = comment.text[: noqa.start].rstrip(" \t#")
        if rest:
            return None  # a reason follows the codes: leave the comment to a person
        if before:
            edit = Edit("", comment.line, comment.col + 1, comment.line, comment.col + 1 + len(comment.text), before)
        elif comment.alone:
            edit = Edit("", comment.line, 1, comment.line + 1, 1, "")
        else:
            keep = len(line_text[: comment.col].rstrip())
            edit = Edit("", comment.line, keep + 1, comment.line, comment.col + 1 + len(comment.text), "")
    return Fix(f"Remove unused noqa code{'s' if len(unused) != 1 else ''} {', '.join(unused)}", "safe", [edit])


def unused(texts: Mapping[str, str], used: Used, active: Sequence[str], ignored_for) -> List["Finding"]:
    """LLM100 findings. ``active``: codes that ran; ``ignored_for(path)``: per-file ignore prefixes."""
    from llm_latency_lint.result import Finding  # the engine imports this module

    found: List[Finding] = []
    for path, text in sorted(texts.items()):
        ignored = ignored_for(path)
        if CODE not in active or any(CODE.startswith(p) for p in ignored):
            continue
        here = [c for c in active if not any(c.startswith(p) for p in ignored)]
        lines = source_lines(text, keepends=False)
        for comment in comments(text):
            if any(CODE.startswith(c) for c in comment.codes):
                continue  # "# noqa: LLM100" (or "LLM") silences this very report
            stale, unknown = [], []
            for code in comment.codes:
                if not code.startswith("LLM"):
                    continue  # another tool's code
                rules = _rules_matching(code)
                if not rules:
                    unknown.append(code)
                elif any(r in here for r in rules) and (path, comment.line, code) not in used:
                    stale.append(code)
            if not stale and not unknown:
                continue
            parts = []
            if stale:
                parts.append(f"{', '.join(stale)} suppress{'es' if len(stale) == 1 else ''} nothing on this line")
            if unknown:
                parts.append(f"{', '.join(unknown)} {'is not a rule code' if len(unknown) == 1 else 'are not rule codes'}")
            message = f"unused noqa: {'; '.join(parts)}; remove {'it' if len(stale + unknown) == 1 else 'them'}"
            fix = _fix(comment, stale + unknown, lines[comment.line - 1])
            if fix is not None:
                fix.edits = [Edit(path, e.start_line, e.start_col, e.end_line, e.end_col, e.replacement) for e in fix.edits]
            end = comment.col + 1 + len(comment.text)
            found.append(Finding(CODE, message, path, comment.line, comment.col + 1, comment.line, end, None, fix))
    return found
