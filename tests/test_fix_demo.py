"""``check --fix --unsafe-fixes`` on a copy of the demo app: the backfill's loop becomes one batch;
the nightly summaries and the weekly digest (single calls reached once per item from a caller's
loop) and the SLA digest (its caller pages on-call) are refused with the reason and the place; a
second run changes nothing, and the demo's own tests still pass."""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from fixlib import ruff

from llm_latency_lint.cli import main
from llm_latency_lint.fixes.helper_module import MARKER

DEMO = Path(__file__).resolve().parent.parent / "fixtures" / "demo_app"
REWRITTEN = {  # path -> the batch helper it imports
    "scripts/backfill_embeddings.py": "_openai_batch",
}
HELPER_MODULE = "scripts/_llm_batch.py"  # the backfill is a script outside the package: beside it
REFUSED = {  # site -> what the refusal must say
    "deskapp/services/summarize.py:14:16": "`summarize_thread` is called once per item from the for loop at "
    "deskapp/reports/nightly.py:28 in `build_nightly_report` (via `summarize_ticket` at deskapp/services/tickets.py:10)",
    "deskapp/services/digest.py:37:16": "`team_section` is called once per item from the comprehension at "
    "deskapp/services/digest.py:53 in `post_team_digest`",
    "deskapp/reports/sla.py:37:15": "time-critical side effect (paging, SMS, alerting): its caller `send_sla_digest` "
    "calls `page_on_call` (deskapp/reports/sla.py:63)",
}


def _snapshot(root: Path):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and ".llm_latency_lint_cache" not in p.parts}


def _ruff_f_i(root: Path):
    """(path, code) of every ``ruff check --isolated --select F,I`` error (lines move with a fix)."""
    proc = ruff(root, "--select", "F,I", "--output-format", "concise", ".")
    return sorted((line.split(":", 1)[0], line.split(": ", 1)[1].split(" ", 1)[0])
                  for line in proc.stdout.splitlines() if line.count(":") >= 3 and not line.startswith(" "))


def test_demo_fix(tmp_path, capsys):
    copy = tmp_path / "demo_app"
    shutil.copytree(DEMO, copy, ignore=shutil.ignore_patterns(".llm_latency_lint_cache"))
    before = _snapshot(copy)
    lint_before = _ruff_f_i(copy)
    main(["check", str(copy), "--fix", "--unsafe-fixes", "--exit-zero"])
    after = _snapshot(copy)
    assert _ruff_f_i(copy) == lint_before  # no new F or I errors
    changed = sorted(p for p in after if before.get(p) != after[p])
    assert changed == sorted([*REWRITTEN, HELPER_MODULE])
    helpers = after[HELPER_MODULE].decode()
    ast.parse(helpers)
    assert MARKER in helpers
    for path, helper in REWRITTEN.items():
        text = after[path].decode()
        ast.parse(text)
        assert helpers.count(f"def {helper}(") == 1 and f"def {helper}(" not in text
        assert f"from _llm_batch import {helper}\n" in text and "next(" in text
    # the backfill stays one batch at its loop
    assert "batch_items = list(missing.iterator(chunk_size=100))" in after["scripts/backfill_embeddings.py"].decode()

    capsys.readouterr()
    main(["check", str(copy), "--fix", "--unsafe-fixes", "--exit-zero", "--show-fixes"])
    assert _snapshot(copy) == after  # idempotent
    shown = capsys.readouterr().out
    assert "LLM001 applied" not in shown
    for site, reason in REFUSED.items():
        assert f"{site}: LLM001 skipped: {reason}" in shown, shown

    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=copy,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " passed" in proc.stdout
