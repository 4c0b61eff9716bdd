"""Expectations written beside the code, bugbear-style.

On the line where an LLM call starts: ``# expect: <provider> <operation> <class> [CODE ...]``,
or ``# expect: none`` for a call that must not be reported as an LLM call site.
``compare`` returns human-readable mismatches; ``score`` returns accuracy counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.files import notebook
from llm_latency_lint.result import Result

EXPECT = re.compile(r"#\s*expect:\s*(?P<body>[^#\n]*)")
Key = Tuple[str, int]


@dataclass
class Expect:
    provider: Optional[str]  # None: no call site here
    operation: str = ""
    latency_class: str = ""
    codes: List[str] = field(default_factory=list)


def read_expectations(root: Path) -> Dict[Key, Expect]:
    found: Dict[Key, Expect] = {}
    for path in sorted([*root.rglob("*.py"), *root.rglob("*.ipynb")]):
        rel = path.relative_to(root).as_posix()
        # A notebook's lines are those of its Python view (code cells behind cell markers).
        text = notebook.source(path.read_bytes()).text or "" if notebook.is_notebook(rel) else path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            m = EXPECT.search(line)
            if not m:
                continue
            words = m.group("body").split()
            if not words or words[0] == "none":
                found[(rel, number)] = Expect(None)
            else:
                found[(rel, number)] = Expect(words[0], words[1], words[2], sorted(words[3:]))
    return found


def analyse(root: Path, config: Optional[Config] = None) -> Result:
    return run([root], config or Config(), root=root)


def compare(root: Path, result: Optional[Result] = None) -> List[str]:
    result = result or analyse(root)
    expected = read_expectations(root)
    sites = {(s.resolved.facts.path, s.resolved.site.line): s for s in result.sites}
    codes: Dict[Key, List[str]] = {}
    for f in result.findings:
        codes.setdefault((f.path, f.line), []).append(f.code)
    problems: List[str] = []
    for key, site in sorted(sites.items()):
        want = expected.get(key)
        got = f"{site.resolved.match.provider.id} {site.resolved.match.operation} {site.latency_class}"
        got_codes = sorted(codes.get(key, []))
        if want is None or want.provider is None:
            problems.append(f"{key[0]}:{key[1]}: unexpected call site: {got} {got_codes}")
            continue
        want_text = f"{want.provider} {want.operation} {want.latency_class}"
        if got != want_text or got_codes != want.codes:
            evidence = "; ".join(e.note for e in site.evidence)
            problems.append(f"{key[0]}:{key[1]}: expected {want_text} {want.codes}, got {got} {got_codes} ({evidence})")
    for key, want in sorted(expected.items()):
        if want.provider is not None and key not in sites:
            problems.append(f"{key[0]}:{key[1]}: missed call site {want.provider} {want.operation}")
    for error in result.errors:
        problems.append(f"{error.path}: error: {error.message}")
    return problems


@dataclass
class Score:
    sites_expected: int = 0
    sites_found: int = 0
    sites_correct: int = 0
    class_correct: int = 0
    sched_expected: int = 0
    sched_found: int = 0
    sched_correct: int = 0

    def add(self, other: "Score") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def score(root: Path, result: Optional[Result] = None) -> Score:
    result = result or analyse(root)
    expected = {k: v for k, v in read_expectations(root).items() if v.provider is not None}
    sites = {(s.resolved.facts.path, s.resolved.site.line): s for s in result.sites}
    s = Score(sites_expected=len(expected), sites_found=len(sites))
    for key, site in sites.items():
        want = expected.get(key)
        if want is None:
            continue
        s.sites_correct += 1
        s.class_correct += want.latency_class == site.latency_class
    s.sched_expected = sum(1 for v in expected.values() if v.latency_class == "scheduled")
    s.sched_found = sum(1 for v in sites.values() if v.latency_class == "scheduled")
    s.sched_correct = sum(
        1 for k, v in sites.items() if v.latency_class == "scheduled" and k in expected and expected[k].latency_class == "scheduled"
    )
    return s
