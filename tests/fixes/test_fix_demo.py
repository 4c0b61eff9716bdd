"""``check --fix --unsafe-fixes`` on a copy of the demo app rewrites its scheduled OpenAI calls,
a second run changes nothing, and the demo's own tests still pass."""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from support.paths import REPO

from llm_latency_lint.cli import main
from llm_latency_lint.fixes.providers import google

DEMO = REPO / "fixtures" / "demo_app"
REWRITTEN = {  # path -> the batch helper it gets
    "deskapp/services/summarize.py": "_openai_batch",
    "scripts/backfill_embeddings.py": "_openai_batch",
    "deskapp/reports/sla.py": "_anthropic_batch",
    "deskapp/services/digest.py": "_genai_batch",
}
if google.BATCH.requires.refusal():  # google-genai too old here (Python 3.9): that fix is refused
    del REWRITTEN["deskapp/services/digest.py"]


def _snapshot(root: Path):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and ".llm_latency_lint_cache" not in p.parts}


def test_demo_fix(tmp_path, capsys):
    copy = tmp_path / "demo_app"
    shutil.copytree(DEMO, copy, ignore=shutil.ignore_patterns(".llm_latency_lint_cache"))
    before = _snapshot(copy)
    main(["check", str(copy), "--fix", "--unsafe-fixes", "--exit-zero"])
    after = _snapshot(copy)
    changed = sorted(p for p in before if before[p] != after[p])
    assert changed == sorted(REWRITTEN)
    for path, helper in REWRITTEN.items():
        text = after[path].decode()
        ast.parse(text)
        assert text.count(f"def {helper}(") == 1 and "next(" in text
    assert "batch_items = list(missing.iterator(chunk_size=100))" in after["scripts/backfill_embeddings.py"].decode()

    capsys.readouterr()
    main(["check", str(copy), "--fix", "--unsafe-fixes", "--exit-zero", "--show-fixes"])
    assert _snapshot(copy) == after  # idempotent
    assert "LLM001 applied" not in capsys.readouterr().out

    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=copy,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " passed" in proc.stdout
