"""The fix flags on ``check``: --diff writes nothing, --show-fixes says why, exit codes."""
from __future__ import annotations

import textwrap

from llm_latency_lint.cli import main

SOURCE = textwrap.dedent('''\
    from openai import OpenAI

    client = OpenAI()

    def job(q):  # llm-latency: scheduled
        return client.chat.completions.create(model="gpt-4o-mini", messages=q)

    def loop(items):  # llm-latency: scheduled
        for item in items:
            r = client.chat.completions.create(model="gpt-4o-mini", messages=[item])
            if r.id:
                break
''')


def _project(tmp_path):
    (tmp_path / "jobs.py").write_text(SOURCE, encoding="utf-8")
    return tmp_path


def test_diff_previews_and_writes_nothing(tmp_path, capsys):
    root = _project(tmp_path)
    assert main(["check", str(root), "--diff", "--unsafe-fixes", "--show-fixes"]) == 1
    out = capsys.readouterr().out
    # the helper module the fix creates is in the diff, as a new file, and the module imports from it
    assert out.startswith("--- /dev/null\n+++ b/_llm_batch.py\n")
    assert "+def _openai_batch(" in out
    assert "--- a/jobs.py\n+++ b/jobs.py\n" in out and "+from _llm_batch import _openai_batch\n" in out
    assert not (root / "_llm_batch.py").exists()
    assert "jobs.py:6:12: LLM001 applied: submit the request as a one-request OpenAI batch" in out
    assert "jobs.py:10:13: LLM001 skipped: `break` inside the loop (line 12)" in out
    assert (root / "jobs.py").read_text(encoding="utf-8") == SOURCE


def test_fix_without_unsafe_fixes_changes_nothing_and_says_why(tmp_path, capsys):
    root = _project(tmp_path)
    assert main(["check", str(root), "--fix", "--show-fixes"]) == 1  # findings remain
    out = capsys.readouterr().out
    assert ("LLM001 skipped: unsafe fix (submit the request as a one-request OpenAI batch and wait for it "
            "[mode: batch; why: scheduled: the batch API, at its loop or of one where nothing iterates over it]): "
            "apply with --unsafe-fixes") in out
    assert (root / "jobs.py").read_text(encoding="utf-8") == SOURCE


def test_fix_unsafe_writes_and_reports_the_rest(tmp_path, capsys):
    root = _project(tmp_path)
    assert main(["check", str(root), "--fix", "--unsafe-fixes"]) == 1  # the refused loop remains
    captured = capsys.readouterr()
    assert "Fixed 1 finding(s) in 1 file(s); created _llm_batch.py." in captured.err
    assert "Found 1 finding (LLM001: 1)." in captured.out
    text = (root / "jobs.py").read_text(encoding="utf-8")
    assert "next(\n        _openai_batch(" in text
    assert main(["check", str(root), "--diff", "--unsafe-fixes"]) == 0  # nothing more to do


def test_show_fixes_without_fix_lists_available_fixes(tmp_path, capsys):
    root = _project(tmp_path)
    main(["check", str(root), "--show-fixes", "--fix-strategy", "flex"])
    out = capsys.readouterr().out
    assert "LLM001 skipped: model 'gpt-4o-mini' is not known to support the OpenAI flex tier" in out
