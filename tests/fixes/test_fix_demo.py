"""``check --fix --unsafe-fixes`` on a copy of the demo app: the diff a reviewer would merge.

- the backfill's loop becomes one batch, at the loop;
- the weekly digest's ``team_section`` is batched at the comprehension in ``post_team_digest``;
- the nightly summaries (``summarize_thread``, reached once per ticket from the loop in
  ``build_nightly_report`` through ``summarize_ticket``, two modules away) are batched at that
  loop: one batch per run, ``summarize_ticket_batch`` -> ``summarize_thread_batch``, the
  per-ticket ``try/except`` kept around each ticket's result;
- the SLA digest (its caller pages on-call) is refused with the paging reason;
- one generated helper module, ``deskapp/_llm_batch.py``, also for the script that imports
  ``deskapp``; Ruff's F and I rules find nothing new; a second run changes nothing, and the
  demo's own tests still pass.
"""
from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

from support.fixlib import MYPY_TIMEOUT, ruff
from support.paths import REPO

from llm_latency_lint.cli import main
from llm_latency_lint.fixes.helper_module import MARKER
from llm_latency_lint.fixes.providers import google

DEMO = REPO / "fixtures" / "demo_app"
REWRITTEN = {  # path -> the batch helper it imports
    "scripts/backfill_embeddings.py": "_openai_batch",  # its own loop: one batch
    "deskapp/services/digest.py": "_genai_batch",  # team_section, batched at post_team_digest's comprehension
    "deskapp/services/summarize.py": "_openai_batch",  # summarize_thread, batched at the nightly loop
}
CHAIN = ["deskapp/services/tickets.py", "deskapp/reports/nightly.py"]  # the rest of the nightly chain
HELPER_MODULES = {  # the helper module each fixed file imports from: one for the project
    "scripts/backfill_embeddings.py": ("deskapp/_llm_batch.py", "deskapp._llm_batch"),  # the script imports deskapp
    "deskapp/services/digest.py": ("deskapp/_llm_batch.py", "deskapp._llm_batch"),
    "deskapp/services/summarize.py": ("deskapp/_llm_batch.py", "deskapp._llm_batch"),
}
REFUSED = {  # site -> what the refusal must say
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


def _mypy(root: Path, paths):
    """mypy's errors on ``paths`` against the installed SDKs (line numbers dropped: a fix moves
    them); Django, Celery and the rest are not installed here, so their imports are ``Any``."""
    proc = subprocess.run([sys.executable, "-m", "mypy", "--ignore-missing-imports", "--cache-dir",
                           str(REPO / ".mypy_cache"), "--no-error-summary", *paths],
                          cwd=root, capture_output=True, text=True, timeout=MYPY_TIMEOUT)
    assert proc.returncode in (0, 1) and not proc.stderr.strip(), proc.stdout + proc.stderr  # mypy ran
    return sorted(re.sub(r":\d+:", ":", line) for line in proc.stdout.splitlines() if ": error:" in line)


def test_demo_fix(tmp_path, capsys):
    copy = tmp_path / "demo_app"
    shutil.copytree(DEMO, copy, ignore=shutil.ignore_patterns(".llm_latency_lint_cache"))
    before = _snapshot(copy)
    lint_before = _ruff_f_i(copy)
    main(["check", str(copy), "--fix", "--unsafe-fixes", "--exit-zero", "--show-fixes"])
    first = capsys.readouterr().out
    after = _snapshot(copy)
    assert ("deskapp/services/summarize.py:14:16: LLM001 applied: batch at the caller's loop "
            "(deskapp/reports/nightly.py:28, `build_nightly_report`, via `summarize_ticket`): "
            "`summarize_ticket_batch` -> `summarize_thread_batch`") in first
    assert "a failed item raises its SDK error at its own result, inside the loop's `try`" in first
    assert _ruff_f_i(copy) == lint_before  # no new F or I errors
    changed = sorted(p for p in after if before.get(p) != after[p])
    helper_paths = sorted({path for path, _ in HELPER_MODULES.values()})
    assert helper_paths == ["deskapp/_llm_batch.py"]  # one helper module
    assert changed == sorted([*REWRITTEN, *CHAIN, *helper_paths])
    for path, helper in REWRITTEN.items():
        text = after[path].decode()
        ast.parse(text)
        helper_path, helper_module = HELPER_MODULES[path]
        helpers = after[helper_path].decode()
        ast.parse(helpers)
        assert MARKER in helpers and helpers.count(f"def {helper}(") == 1  # one copy, in the helper module
        assert f"def {helper}(" not in text and f"from {helper_module} import {helper}" in text
    # the backfill stays one batch at its loop; it imports the package's helper where it imports the package
    backfill = after["scripts/backfill_embeddings.py"].decode()
    assert "batch_items = list(missing.iterator(chunk_size=100))" in backfill
    assert ("from deskapp._llm_batch import _openai_batch  # noqa: E402\n"
            "from deskapp.models import Article  # noqa: E402\n") in backfill
    # the nightly summaries: one batch per run at the loop, each ticket's result inside its try
    nightly = after["deskapp/reports/nightly.py"].decode()
    assert ("    batch_items = list(closed.iterator(chunk_size=200))\n"
            "    batch_results = summarize_ticket_batch(batch_items)\n"
            "    for ticket in batch_items:\n"
            "        try:\n"
            "            next(batch_results)\n") in nightly
    assert "        except Exception:  # one bad ticket must not stop the run\n" in nightly
    assert nightly.count("summarize_ticket") == 2  # the import and the one call, no per-ticket call left
    tickets = after["deskapp/services/tickets.py"].decode()
    assert "def summarize_ticket(ticket: Ticket) -> str:\n" in tickets  # kept for other callers
    assert "def summarize_ticket_batch(calls: Iterable[Ticket]) -> Iterator[str]:\n" in tickets
    assert ("    results = summarize_thread_batch([(ticket.subject, ticket.thread_text()) for ticket in items])\n"
            in tickets)
    assert "from deskapp.services.summarize import summarize_thread, summarize_thread_batch\n" in tickets
    summarize = after["deskapp/services/summarize.py"].decode()
    assert "def summarize_thread_batch(calls: Iterable[Tuple[str, str]]) -> Iterator[str]:\n" in summarize
    assert summarize.count("_openai_batch(") == 1  # one batch for every ticket of the run
    if "deskapp/services/digest.py" in REWRITTEN:  # the weekly digest: one batch per run, at the comprehension
        digest = after["deskapp/services/digest.py"].decode()
        assert ("    sections = list(team_section_batch([(team, week_ending) for team in "
                'Team.objects.order_by("name")]))\n') in digest
        assert "def team_section_batch(calls: Iterable[Tuple[Team, date]]) -> Iterator[str]:\n" in digest

    original = tmp_path / "original"
    shutil.copytree(DEMO, original, ignore=shutil.ignore_patterns(".llm_latency_lint_cache"))
    python = [p for p in changed if p.endswith(".py") and p not in helper_paths]
    assert _mypy(copy, [*python, *helper_paths]) == _mypy(original, python)  # no new type error

    capsys.readouterr()
    main(["check", str(copy), "--fix", "--unsafe-fixes", "--exit-zero", "--show-fixes"])
    assert _snapshot(copy) == after  # idempotent
    shown = capsys.readouterr().out
    assert "LLM001 applied" not in shown and "LLM003 applied" not in shown
    for site, reason in REFUSED.items():
        assert f"{site}: LLM001 skipped: {reason}" in shown, shown

    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=copy,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " passed" in proc.stdout
