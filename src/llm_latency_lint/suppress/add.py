"""``check --add-noqa``: silence every current finding with ``# noqa: CODE`` on its line.

For adopting the linter without a baseline file: the suppressions live in the code, where
LLM100 reports them once they stop suppressing anything. The comment goes on the line the
engine reads noqa from (where the call starts); an existing ``# noqa: CODES`` there gets the
new codes merged in. A line that ends inside a multi-line string or continues with a
backslash cannot take a comment and is reported instead. Files are rewritten through
``apply_edits`` (atomic, encoding and newlines kept, only when the file is unchanged since
it was read and still parses afterwards).
"""
from __future__ import annotations

import io
import tokenize
from dataclasses import dataclass, field
from typing import Dict, List, Set, Tuple

from llm_latency_lint.files import notebook_out
from llm_latency_lint.files.edits import Edit
from llm_latency_lint.files.write import EditError, apply_edits, apply_to_text
from llm_latency_lint.result import Result
from llm_latency_lint.rules.llm100 import UnusedNoqa

UNUSED_NOQA = UnusedNoqa.code
from llm_latency_lint.syntax.noqa import parse as parse_noqa


@dataclass
class Outcome:
    added: int = 0  # findings now silenced
    files: int = 0  # files rewritten
    problems: List[Tuple[str, int, str]] = field(default_factory=list)  # (path, line, reason)


@dataclass
class _Line:
    comment: Tuple[int, str] = (-1, "")  # (0-based column, text) of the comment ending the line
    open_token: bool = False  # a string (or other token) runs past the end of the line


def _lines_info(text: str, wanted: Set[int]) -> Dict[int, _Line]:
    info = {n: _Line() for n in wanted}
    for tok in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
        (start, col), (end, _) = tok.start, tok.end
        if tok.type == tokenize.COMMENT and start in info:
            info[start].comment = (col, tok.string)
        elif end > start and tok.type not in (tokenize.NL, tokenize.NEWLINE):
            for n in wanted:
                if start <= n < end:
                    info[n].open_token = True
    return info


def edits_for(path: str, text: str, codes_by_line: Dict[int, List[str]]) -> Tuple[List[Edit], List[Tuple[int, str]]]:
    """The edits adding ``codes_by_line`` to ``text``, and the lines that cannot take a comment."""
    lines = text.splitlines()
    try:
        info = _lines_info(text, set(codes_by_line))
    except (tokenize.TokenError, SyntaxError) as exc:
        return [], [(n, f"file does not tokenize: {exc}") for n in sorted(codes_by_line)]
    edits: List[Edit] = []
    refused: List[Tuple[int, str]] = []
    for n, codes in sorted(codes_by_line.items()):
        line, where = lines[n - 1], info[n]
        col, comment = where.comment
        noqa = parse_noqa(comment) if comment else None
        if noqa is not None and noqa.codes_span is not None:
            have = list(noqa.codes)
            merged = ", ".join([*have, *[c for c in codes if c not in have]])
            start, end = noqa.codes_span
            edits.append(Edit(path, n, col + start + 1, n, col + end + 1, merged))
        elif where.open_token:
            refused.append((n, "the line ends inside a multi-line string"))
        elif not comment and line.rstrip().endswith("\\"):
            refused.append((n, "the line continues with a backslash"))
        else:
            content = len(line.rstrip())
            edits.append(Edit(path, n, content + 1, n, len(line) + 1, f"  # noqa: {', '.join(codes)}"))
    return edits, refused


def add_noqa(result: Result) -> Outcome:
    by_file: Dict[str, Dict[int, List[str]]] = {}
    for f in result.findings:
        if f.code == UNUSED_NOQA:
            continue  # the remedy for a stale noqa is removing it, not another noqa
        codes = by_file.setdefault(f.path, {}).setdefault(f.line, [])
        if f.code not in codes:
            codes.append(f.code)
    outcome = Outcome()
    for path, codes_by_line in sorted(by_file.items()):
        text = result.texts.get(path)
        if text is None:
            outcome.problems += [(path, n, "file was not read") for n in codes_by_line]
            continue
        edits, refused = edits_for(path, text, codes_by_line)
        outcome.problems += [(path, n, reason) for n, reason in refused]
        if not edits:
            continue
        try:
            if notebook_out.is_notebook(path):  # the comments go into the notebook's cells
                notebook_out.write(str(result.root / path), text, apply_to_text(text, edits))
            else:
                apply_edits(str(result.root / path), edits, expected_text=text)
        except EditError as exc:
            outcome.problems += [(path, e.start_line, str(exc)) for e in edits]
            continue
        outcome.files += 1
        done = {e.start_line for e in edits}
        outcome.added += sum(1 for f in result.findings if f.path == path and f.line in done and f.code != UNUSED_NOQA)
    return outcome
