"""A finding's identity by content, not line numbers: baselines and SARIF fingerprints share it.

The key is (rule code, path, enclosing function, normalised call text); the n-th finding with the
same key in a file gets occurrence n, so two identical calls in one function stay distinct.
Adding a line above a call moves the call but leaves its key alone, so a baseline entry keeps
matching and GitHub keeps treating it as the same alert.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from typing import TYPE_CHECKING, Dict, List, Mapping, NamedTuple, Sequence, Tuple

from llm_latency_lint.syntax.lines import source_lines

if TYPE_CHECKING:  # pragma: no cover
    from llm_latency_lint.result import Finding


class Key(NamedTuple):
    code: str
    path: str
    function: str
    call: str


def _line(texts: Mapping[str, str], path: str, line: int) -> str:
    lines = source_lines(texts.get(path, ""), keepends=False)
    return " ".join(lines[line - 1].split()) if 0 < line <= len(lines) else ""


def key(finding: "Finding", texts: Mapping[str, str]) -> Key:
    """Content key. A finding without a call site (LLM100) is keyed on its normalised line."""
    if finding.site is not None:
        site = finding.site.resolved.site
        return Key(finding.code, finding.path, site.function, site.text)
    return Key(finding.code, finding.path, "", _line(texts, finding.path, finding.line))


def keyed(findings: Sequence["Finding"], texts: Mapping[str, str]) -> List[Tuple["Finding", Key, int]]:
    """Every finding with its key and occurrence index (0-based, in source order)."""
    seen: Counter = Counter()
    out = []
    for finding in sorted(findings, key=lambda f: (f.path, f.line, f.col, f.code)):
        k = key(finding, texts)
        out.append((finding, k, seen[k]))
        seen[k] += 1
    return out


def fingerprint(k: Key, occurrence: int) -> str:
    data = "\x1f".join([*k, str(occurrence)]).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:32]


def fingerprints(findings: Sequence["Finding"], texts: Mapping[str, str]) -> Dict[int, str]:
    """id(finding) -> stable fingerprint."""
    return {id(f): fingerprint(k, n) for f, k, n in keyed(findings, texts)}
