"""``check --fix --unsafe-fixes`` on a copy of the demo app: the backfill's loop becomes one batch;
the weekly digest's ``team_section`` is batched at the comprehension in ``post_team_digest`` (one
batch per run); the nightly summaries (a single call reached once per item from a loop two calls
up, in another module) and the SLA digest (its caller pages on-call) are refused with the reason
and the place; each fixed module imports its helper from one generated module; Ruff's F and I
rules find nothing new; a second run changes nothing, and the demo's own tests still pass."""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from support.fixlib import ruff
from support.paths import REPO

from llm_latency_lint.cli import main
from llm_latency_lint.fixes.helper_module import MARKER
from llm_latency_lint.fixes.providers import google

DEMO = REPO / "fixtures" / "demo_app"
REWRITTEN = {  # path -> the batch helper it imports
    "scripts/backfill_embeddings.py": "_openai_batch",  # its own loop: one batch
    "deskapp/services/digest.py": "_genai_batch",  # team_section, batched at post_team_digest's comprehension
}
HELPER_MODULES = {  # the helper module each fixed file imports from
    "scripts/backfill_embeddings.py": ("scripts/_llm_batch.py", "_llm_batch"),  # a script outside the package
    "deskapp/services/digest.py": ("deskapp/_llm_batch.py", "deskapp._llm_batch"),
}
REFUSED = {  # site -> what the refusal must say
    "deskapp/services/summarize.py:14:16": "`summarize_thread` is called once per item from the for loop at "
    "deskapp/reports/nightly.py:28 in `build_nightly_report` (via `summarize_ticket` at deskapp/services/tickets.py:10)",
    "deskapp/reports/sla.py:37:15": "time-critical side effect (paging, SMS, alerting): its caller `send_sla_digest` "
    "calls `page_on_call` (deskapp/reports/sla.py:63)",
}
if google.BATCH.requires.refusal():  # google-genai too old here (Python 3.9): that fix is refused
    del REWRITTEN["deskapp/services/digest.py"], HELPER_MODULES["deskapp/services/digest.py"]


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
    helper_paths = sorted({path for path, _ in HELPER_MODULES.values()})
    assert changed == sorted([*REWRITTEN, *helper_paths])
    for path, helper in REWRITTEN.items():
        text = after[path].decode()
        ast.parse(text)
        helper_path, helper_module = HELPER_MODULES[path]
        helpers = after[helper_path].decode()
        ast.parse(helpers)
        assert MARKER in helpers and helpers.count(f"def {helper}(") == 1  # one copy, in the helper module
        assert f"def {helper}(" not in text and f"from {helper_module} import {helper}\n" in text
    # the backfill stays one batch at its loop
    assert "batch_items = list(missing.iterator(chunk_size=100))" in after["scripts/backfill_embeddings.py"].decode()
    if "deskapp/services/digest.py" in REWRITTEN:  # the weekly digest: one batch per run, at the comprehension
        digest = after["deskapp/services/digest.py"].decode()
        assert ("    sections = list(team_section_batch([(team, week_ending) for team in "
                'Team.objects.order_by("name")]))\n') in digest
        assert "def team_section_batch(calls: Iterable[Tuple[Team, date]]) -> Iterator[str]:\n" in digest

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
