"""``check --format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Each rule carries its docs link and default level; each result carries a content fingerprint
(stable across line shifts, see ``identity``), the evidence chain both as ``relatedLocations``
and as a ``codeFlow`` (trigger first, the call last), and the finding's fix when one applies.
Columns are Unicode code points (``columnKind``); paths are relative to the working directory.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

from llm_latency_lint import __version__
from llm_latency_lint.files.edits import Fix
from llm_latency_lint.files.locations import display_path
from llm_latency_lint.files.notebook_out import (  # notebooks: regions in the .ipynb
    file_region,
    is_notebook,
)
from llm_latency_lint.result import Finding, Result
from llm_latency_lint.rules import ALL_RULES
from llm_latency_lint.rules.docs import render_rule
from llm_latency_lint.suppress.identity import fingerprints

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/llm-latency-lint/llm-latency-lint"
FINGERPRINT = "llmLatencyLint/v1"


def _artifact(result: Result, relpath: str) -> Dict[str, Any]:
    return {"uri": display_path(result.root, relpath), "uriBaseId": "SRCROOT"}


def _location(result: Result, relpath: str, region: Dict[str, int], message: str = "") -> Dict[str, Any]:
    loc: Dict[str, Any] = {"physicalLocation": {"artifactLocation": _artifact(result, relpath), "region": region}}
    if message:
        loc["message"] = {"text": message}
    return loc


def _rule(rule) -> Dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc.what},
        "help": {"text": f"{rule.doc.why}\n\nFix safety: {rule.doc.fix_safety}", "markdown": render_rule(rule)},
        "helpUri": rule.help_uri(),
        "defaultConfiguration": {"level": rule.level, "enabled": rule.default_enabled},
    }


def _fix(result: Result, fix: Fix) -> Dict[str, Any]:
    by_path: Dict[str, List[Dict[str, Any]]] = {}
    for e in fix.edits:
        by_path.setdefault(e.path, []).append({
            "deletedRegion": {"startLine": e.start_line, "startColumn": e.start_col, "endLine": e.end_line, "endColumn": e.end_col},
            "insertedContent": {"text": e.replacement},
        })
    return {
        "description": {"text": f"{fix.description} ({fix.safety} fix)"},
        "artifactChanges": [{"artifactLocation": _artifact(result, p), "replacements": r} for p, r in by_path.items()],
    }


def _result(result: Result, f: Finding, index: Dict[str, int], level: str, fingerprint: str) -> Dict[str, Any]:
    line, col, end_line, end_col = file_region(result.root, result.texts, f.path, f.line, f.col, f.end_line, f.end_col)
    region = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}
    out: Dict[str, Any] = {
        "ruleId": f.code,
        "level": level,
        "message": {"text": f.message},
        "locations": [_location(result, f.path, region)],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }
    if f.code in index:
        out["ruleIndex"] = index[f.code]
    if f.evidence:
        steps = [_location(result, e.path, {"startLine": file_region(result.root, result.texts, e.path, e.line, 1)[0]}, e.note)
                 for e in f.evidence]
        out["relatedLocations"] = [{"id": i, **step} for i, step in enumerate(steps)]
        flow = [{"location": step} for step in steps]
        flow.append({"location": _location(result, f.path, region, f.message)})
        out["codeFlows"] = [{"threadFlows": [{"locations": flow}]}]
    if f.fix is not None and f.fix.applicable and not any(is_notebook(e.path) for e in f.fix.edits):
        out["fixes"] = [_fix(result, f.fix)]
    return out


def render(result: Result) -> str:
    index = {rule.code: i for i, rule in enumerate(ALL_RULES)}
    levels = {rule.code: rule.level for rule in ALL_RULES}
    prints = fingerprints(result.findings, result.texts)
    run: Dict[str, Any] = {
        "tool": {"driver": {
            "name": "llm-latency-lint",
            "version": __version__,
            "informationUri": INFORMATION_URI,
            "rules": [_rule(rule) for rule in ALL_RULES],
        }},
        "originalUriBaseIds": {"SRCROOT": {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(result, f, index, levels.get(f.code, "warning"), prints[id(f)]) for f in result.findings],
        "invocations": [{
            "executionSuccessful": True,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": e.message},
                 "locations": [{"physicalLocation": {"artifactLocation": _artifact(result, e.path)}}]}
                for e in result.errors
            ],
        }],
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2) + "\n"
