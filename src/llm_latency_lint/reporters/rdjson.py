"""``check --format rdjson``: reviewdog Diagnostic Format (one ``DiagnosticResult`` document).

Feed it to ``reviewdog -f=rdjson -reporter=github-pr-review``; a finding's fix becomes
``suggestions`` that reviewdog posts as suggested changes. reviewdog counts columns in UTF-8
bytes with exclusive ends, and resolves paths against the working directory.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, Type

from llm_latency_lint.files.locations import display_path, utf8_column
from llm_latency_lint.files.notebook_out import (  # notebooks: regions in the .ipynb
    file_region,
    is_notebook,
)
from llm_latency_lint.result import Finding, Result
from llm_latency_lint.rules import Rule, rules_by_code

SOURCE = {"name": "llm-latency-lint", "url": "https://github.com/llm-latency-lint/llm-latency-lint"}
_SEVERITY = {"error": "ERROR", "warning": "WARNING", "note": "INFO"}


def _pos(result: Result, path: str, line: int, col: int) -> Dict[str, int]:
    if is_notebook(path):
        raw_line, raw_col, _, _ = file_region(result.root, result.texts, path, line, col, utf8=True)
        return {"line": raw_line, "column": raw_col}
    return {"line": line, "column": utf8_column(result.texts, path, line, col)}


def _diagnostic(result: Result, f: Finding, rules: Mapping[str, Type[Rule]]) -> Dict[str, Any]:
    rule = rules.get(f.code)
    out: Dict[str, Any] = {
        "message": f.message,
        "location": {
            "path": display_path(result.root, f.path),
            "range": {"start": _pos(result, f.path, f.line, f.col), "end": _pos(result, f.path, f.end_line, f.end_col)},
        },
        "severity": _SEVERITY.get(rule.level if rule else "warning", "WARNING"),
        "source": SOURCE,
        "code": {"value": f.code, **({"url": rule.help_uri()} if rule else {})},
    }
    if f.fix is not None and f.fix.applicable:
        # reviewdog applies suggestions to the diagnostic's file; a fix touching others is left out.
        suggestions: List[Dict[str, Any]] = [
            {"range": {"start": _pos(result, e.path, e.start_line, e.start_col), "end": _pos(result, e.path, e.end_line, e.end_col)},
             "text": e.replacement}
            for e in f.fix.edits if e.path == f.path and not is_notebook(e.path)
        ]
        if suggestions:
            out["suggestions"] = suggestions
    if f.evidence:
        out["related_locations"] = [
            {"message": e.note, "location": {"path": display_path(result.root, e.path),
                                             "range": {"start": {"line": file_region(result.root, result.texts, e.path, e.line, 1)[0]}}}}
            for e in f.evidence
        ]
    return out


def render(result: Result) -> str:
    rules = rules_by_code()
    diagnostics = [_diagnostic(result, f, rules) for f in result.findings]
    doc = {"source": SOURCE, "diagnostics": diagnostics}
    for e in result.errors:
        diagnostics.append({
            "message": f"could not be checked: {e.message}", "severity": "ERROR", "source": SOURCE,
            "location": {"path": display_path(result.root, e.path)},
        })
    return json.dumps(doc, indent=2) + "\n"
