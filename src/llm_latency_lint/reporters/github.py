"""``check --format github``: GitHub Actions workflow commands, one annotation per finding.

GitHub shows only about ten annotations of each kind per step, so a ``::notice`` with the
totals per rule closes the output. Columns are given only for single-line findings, as GitHub
requires. Values are escaped as the runner expects (``%``, CR, LF;
in properties also ``:`` and ``,``).
"""
from __future__ import annotations

from collections import Counter
from typing import List

from llm_latency_lint.files.locations import display_path
from llm_latency_lint.files.notebook import where
from llm_latency_lint.files.notebook_out import (
    file_region,  # notebooks: regions in the .ipynb
)
from llm_latency_lint.result import Result
from llm_latency_lint.rules import rules_by_code


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: Result) -> str:
    rules = rules_by_code()
    lines: List[str] = []
    for f in result.findings:
        rule = rules.get(f.code)
        level = {"error": "error", "note": "notice"}.get(rule.level if rule else "warning", "warning")
        message = f.message
        if f.evidence:
            message += "\n" + "\n".join(f"  {e.path}:{where(result.texts, e.path, e.line)}: {e.note}" for e in f.evidence)
        # GitHub rejects columns on an annotation spanning several lines.
        line, col, end_line, end_column = file_region(result.root, result.texts, f.path, f.line, f.col, f.end_line, f.end_col)
        cols = f",col={col}" if line == end_line else ""
        end_col = f",endColumn={end_column}" if line == end_line else ""
        props = (
            f"file={_prop(display_path(result.root, f.path))},line={line}{cols},"
            f"endLine={end_line}{end_col},title={_prop(f.code)}"
        )
        lines.append(f"::{level} {props}::{_data(message)}")
    for e in result.errors:
        lines.append(f"::error file={_prop(display_path(result.root, e.path))},title=llm-latency-lint::{_data(e.message)}")
    counts = Counter(f.code for f in result.findings)
    detail = ", ".join(f"{code}: {n}" for code, n in sorted(counts.items()))
    total = len(result.findings)
    summary = f"{total} finding{'s' if total != 1 else ''}" + (f" ({detail})" if detail else "")
    if result.errors:
        summary += f"; {len(result.errors)} file{'s' if len(result.errors) != 1 else ''} could not be checked"
    lines.append(f"::notice title=llm-latency-lint::{_data(summary)}")
    return "\n".join(lines) + "\n"
