"""Every rule's VALID / INVALID examples (the ones its docs show) run as tests."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Set, Tuple

import pytest

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.rules import ALL_RULES

ERROR = re.compile(r"#\s*error:\s*(?P<codes>(?:LLM\d{3}\s*)+)")


def _write(tmp_path: Path, files: Dict[str, str]) -> Path:
    for name, code in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(code, encoding="utf-8")
    return tmp_path


def _expected(files: Dict[str, str], code: str) -> Set[Tuple[str, int]]:
    lines = set()
    for name, text in files.items():
        for number, line in enumerate(text.splitlines(), 1):
            m = ERROR.search(line)
            if m and code in m.group("codes").split():
                lines.add((name, number))
    return lines


def _cases(kind: str) -> List:
    return [
        pytest.param(rule, example, id=f"{rule.code}-{kind}-{i}")
        for rule in ALL_RULES
        for i, example in enumerate(getattr(rule, kind))
    ]


@pytest.mark.parametrize("rule,example", _cases("INVALID"))
def test_invalid_examples_are_flagged(tmp_path, rule, example):
    root = _write(tmp_path, example.files)
    result = run([root], Config(), root=root)
    assert not result.errors
    got = {(f.path, f.line) for f in result.findings if f.code == rule.code}
    assert got == _expected(example.files, rule.code), [f"{f.path}:{f.line} {f.code} {f.message}" for f in result.findings]


@pytest.mark.parametrize("rule,example", _cases("VALID"))
def test_valid_examples_are_clean(tmp_path, rule, example):
    root = _write(tmp_path, example.files)
    result = run([root], Config(), root=root)
    assert not result.errors
    assert [f for f in result.findings if f.code == rule.code] == []
    assert result.sites, "a VALID example must still contain an LLM call site"


def test_every_rule_has_examples_and_docs():
    for rule in ALL_RULES:
        assert rule.INVALID and rule.VALID, rule.code
        for section in ("what", "why", "example", "use_instead", "fix_safety"):
            assert getattr(rule.doc, section).strip(), (rule.code, section)
        assert re.match(r"^[A-Z]{1,3}[0-9]{0,3}$", rule.code)
