"""The package layout: stages import only downwards, catalog parts stay apart, no import cycles,
no private helper left behind with no caller.

The contracts live in ``pyproject.toml`` (``[tool.importlinter]``); these tests run them and show
that an upward import breaks them.
"""
from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.paths import REPO

pytest.importorskip("importlinter", reason="import-linter needs Python 3.10")

ROOT = REPO
PACKAGE = ROOT / "src" / "llm_latency_lint"


def lint_imports(src: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=src, env={"PYTHONPATH": str(src), "PATH": ""}, capture_output=True, text=True, timeout=300,
    )


def test_import_contracts_are_kept():
    proc = lint_imports(PACKAGE.parent)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    copy = tmp_path / "llm_latency_lint"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    model = copy / "model.py"
    model.write_text(model.read_text() + "\nfrom llm_latency_lint import engine  # an upward import\n")
    proc = lint_imports(tmp_path)
    assert proc.returncode != 0
    assert "llm_latency_lint.model -> llm_latency_lint.engine" in proc.stdout
def test_top_level_is_small_and_modules_are_short():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 12, top
    generated = {PACKAGE / "syntax" / "order.py"}  # scripts/gen_cst_order.py writes it
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py") if p not in generated
            for n in [len(p.read_text(encoding="utf-8").splitlines())] if n > 400}
    assert not long, long


def test_every_private_helper_has_a_caller():
    """A module-private function or class (``_name``) that no code of the package names is dead:
    an optimisation that inlines a helper's body and leaves the helper (``syntax.walk._children``
    after ``perf19``) keeps a second statement of the rule that drifts from the first."""
    texts = {p: p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")}
    defined = [(p, node.name) for p, text in texts.items() for node in ast.parse(text).body
               if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
               and node.name.startswith("_") and not node.name.startswith("__")]
    uses = {name: sum(len(re.findall(rf"\b{re.escape(name)}\b", t)) for t in texts.values())
            for name in {name for _, name in defined}}
    dead = [f"{p.relative_to(PACKAGE)}: {name}" for p, name in defined
            if uses[name] == sum(n == name for _, n in defined)]
    assert not dead, dead
