"""Helpers for autofix tests: fix a one-file project in memory, pick out one function's code."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Dict, Optional, Sequence

import libcst as cst

from llm_latency_lint.config import Config, parse
from llm_latency_lint.engine import run
from llm_latency_lint.fixes import FixOptions, attach, fix_paths, sdk_versions

# A cold mypy run loads the SDKs' types (litellm's alone takes minutes on a loaded 2-core machine):
# the limit only stops a hang, it measures nothing.
MYPY_TIMEOUT = 1200


def write_project(root: Path, files: Dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def fixed_text(root: Path, source: str, name: str = "jobs.py", config: Optional[dict] = None,
               strategy: str = "batch", unsafe: bool = True) -> Optional[str]:
    """The file after --fix (in memory), or None when nothing changed."""
    write_project(root, {name: source})
    report = fix_paths([root], parse(_inline(config), "test"), FixOptions(strategy=strategy, unsafe=unsafe), write=False)
    return report.fixed.get(name)


def _inline(config: Optional[dict]) -> dict:
    """Shape tests read the helper in the fixed module itself: ``fix-helper-module = "inline"``
    unless the test says otherwise (tests/test_fix_helper_module.py covers the shared module)."""
    return {"fix-helper-module": "inline", **(config or {})}


def function_code(text: str, name: str) -> str:
    module = cst.parse_module(text)
    for stmt in module.body:
        node = stmt
        if isinstance(node, (cst.FunctionDef,)) and node.name.value == name:
            return module.code_for_node(node.with_changes(leading_lines=[])).strip("\n") + "\n"
        if isinstance(node, cst.ClassDef):
            for inner in node.body.body:
                if isinstance(inner, cst.FunctionDef) and inner.name.value == name:
                    code = module.code_for_node(inner.with_changes(leading_lines=[]))
                    return textwrap.dedent(code).strip("\n") + "\n"
    raise AssertionError(f"no function {name}")


def fixes_for(root: Path, source: str, name: str = "jobs.py", config: Optional[dict] = None, strategy: str = "batch"):
    """{code: Fix} for the findings in the file (one finding per code expected)."""
    write_project(root, {name: source})
    cfg: Config = parse(_inline(config), "test")
    result = run([root], cfg)
    attach(result, cfg, FixOptions(strategy=strategy))
    return {f.code: f.fix for f in result.findings if f.fix is not None}


def pretend_installed(monkeypatch, versions: Dict[str, Optional[str]]) -> None:
    """The SDK versions the fixers see (None: not installed where the linter runs)."""
    monkeypatch.setattr(sdk_versions, "installed_version", lambda dist: versions.get(dist))


def sdk_too_old(fixture_name: str) -> bool:
    """A fix fixture whose fix needs a newer SDK than the one installed (Gemini, Mistral on Python 3.9)."""
    from llm_latency_lint.fixes import background, gemini_flex
    from llm_latency_lint.fixes.providers import google, mistral

    gates = {"gemini_": google.BATCH.requires, "mistral_": mistral.BATCH.requires,
             "tiers_gemini_": gemini_flex.REQUIREMENT, "tiers_background": background.REQUIREMENT}
    return any(fixture_name.startswith(prefix) and gate is not None and bool(gate.refusal())
               for prefix, gate in gates.items())


def ruff(root: Path, *args: str) -> "subprocess.CompletedProcess[str]":
    """``ruff check --isolated`` in ``root`` (Ruff is in the ``test`` extra)."""
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", *args],
                          cwd=root, capture_output=True, text=True, timeout=120)


def assert_imports_sorted(root: Path, text: str) -> None:
    """Ruff's ``I001`` has nothing to say about ``text`` (written to ``root/_sorted_check.py``)."""
    (root / "_sorted_check.py").write_text(text, encoding="utf-8")
    try:
        proc = ruff(root, "--select", "I", "--output-format", "concise", "_sorted_check.py")
    finally:
        (root / "_sorted_check.py").unlink()
    assert proc.returncode == 0, proc.stdout + proc.stderr


def assert_rewrite(root: Path, before: str, function: str, after: str, config: Optional[dict] = None) -> None:
    """The fix turns ``function`` of ``before`` into ``after`` (both dedented): the before/after
    table each provider's codemod test walks."""
    text = fixed_text(root, textwrap.dedent(before), config=config)
    assert text is not None, "no fix applied"
    assert function_code(text, function) == textwrap.dedent(after)


def assert_helper_added(root: Path, before: str, imports: Sequence[str], snippets: Sequence[str]) -> str:
    """The fixed module has sorted imports, each of ``imports`` as a line and each of
    ``snippets`` somewhere, and a second fix changes nothing; returns the fixed text."""
    text = fixed_text(root, textwrap.dedent(before))
    assert text is not None, "no fix applied"
    assert_imports_sorted(root, text)
    lines = text.splitlines()
    assert [line for line in imports if line not in lines] == []
    assert [snippet for snippet in snippets if snippet not in text] == []
    assert fixed_text(root, text) is None
    return text
