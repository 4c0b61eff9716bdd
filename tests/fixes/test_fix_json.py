"""``check --format json --show-fixes``: every fix outcome in the JSON (additive ``fixes`` field)."""
from __future__ import annotations

import json

from test_fix_cli import SOURCE, _project

from llm_latency_lint.cli import main


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)  # the whole output is one JSON document


def test_fix_outcomes_are_in_the_json(tmp_path, capsys, monkeypatch):
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    assert main(["check", ".", "--fix", "--unsafe-fixes", "--show-fixes", "--format", "json"]) == 1
    out = _json(capsys)
    by_status = {f["status"]: f for f in out["fixes"]}
    assert set(by_status) == {"applied", "skipped"}
    applied, skipped = by_status["applied"], by_status["skipped"]
    assert (applied["path"], applied["line"], applied["column"], applied["code"]) == ("jobs.py", 6, 12, "LLM001")
    assert "one-request OpenAI batch" in applied["reason"] and "[mode: batch;" in applied["reason"]
    assert skipped["code"] == "LLM001" and skipped["reason"].startswith("`break` inside the loop")
    # the skipped site is where it now is in the written file
    text = (root / "jobs.py").read_text(encoding="utf-8")
    assert "client.chat.completions.create" in text.splitlines()[skipped["line"] - 1]
    assert [f["code"] for f in out["findings"]] == ["LLM001"]  # the existing fields are unchanged


def test_no_fixes_field_without_show_fixes(tmp_path, capsys):
    root = _project(tmp_path)
    main(["check", str(root), "--format", "json"])
    assert "fixes" not in _json(capsys)
    assert (root / "jobs.py").read_text(encoding="utf-8") == SOURCE


def test_show_fixes_without_fix_lists_available_ones_in_the_json(tmp_path, capsys):
    root = _project(tmp_path)
    main(["check", str(root), "--show-fixes", "--format", "json", "--unsafe-fixes"])
    statuses = sorted(f["status"] for f in _json(capsys)["fixes"])
    assert statuses == ["available", "skipped"]
    assert (root / "jobs.py").read_text(encoding="utf-8") == SOURCE
