"""Baselines keyed on content: line shifts keep matching, new findings show, stale entries are reported."""
from __future__ import annotations

import json

from support.sample_project import cli, make

SECOND_JOB = (
    "\n\ndef nightly_titles():  # llm-latency: scheduled\n"
    "    return client.chat.completions.create(model='gpt-4o-mini', messages=[])\n"
)


def test_baseline_round_trip_line_shifts_new_findings_and_stale_entries(tmp_path):
    root = make(tmp_path / "proj")
    proc = cli("check", ".", "--write-baseline", "lint-baseline.json", cwd=root)
    assert proc.returncode == 0 and "wrote 1 finding to lint-baseline.json" in proc.stderr
    data = json.loads((root / "lint-baseline.json").read_text())
    assert data["entries"] == [{"code": "LLM001", "path": "llm.py", "function": "llm.summarize",
                                "call": "client.chat.completions.create", "count": 1}]
    assert cli("check", ".", "--baseline", "lint-baseline.json", cwd=root).returncode == 0

    llm = root / "llm.py"
    llm.write_text('"""LLM helpers."""\nimport os\n\n' + llm.read_text())
    proc = cli("check", ".", "--baseline", "lint-baseline.json", cwd=root)
    assert (proc.returncode, proc.stdout.splitlines()[-1], proc.stderr) == (0, "No findings.", ""), "moved lines do not resurrect it"

    # From another folder: baseline paths are relative to the baseline file, not the scan root.
    assert cli("check", "proj", "--baseline", "proj/lint-baseline.json", cwd=tmp_path).returncode == 0

    llm.write_text(llm.read_text() + SECOND_JOB)
    proc = cli("check", ".", "--baseline", "lint-baseline.json", cwd=root)
    assert proc.returncode == 1
    assert [l.split(": ")[0] for l in proc.stdout.splitlines() if l.startswith("llm.py:")] == ["llm.py:14:12"]

    llm.write_text(llm.read_text().replace("def summarize(text):\n    return client.chat.completions.create(model='gpt-4o-mini', messages=[])\n", ""))
    proc = cli("check", ".", "--baseline", "lint-baseline.json", "--format", "json", cwd=root)
    assert proc.returncode == 1 and [f["line"] for f in json.loads(proc.stdout)["findings"]] == [12]
    assert "lint-baseline.json: 1 recorded finding no longer occurs" in proc.stderr
    assert "LLM001 llm.py llm.summarize client.chat.completions.create (x1)" in proc.stderr


def test_two_identical_calls_count_separately(tmp_path):
    root = make(tmp_path)
    cli("check", ".", "--write-baseline", "b.json", cwd=root)
    llm = root / "llm.py"
    llm.write_text(llm.read_text().replace("    return client", "    client.chat.completions.create(model='x', messages=[])\n    return client"))
    proc = cli("check", ".", "--baseline", "b.json", cwd=root)
    assert proc.returncode == 1 and len([l for l in proc.stdout.splitlines() if l.startswith("llm.py:")]) == 1


def test_bad_baseline_is_a_usage_error(tmp_path):
    root = make(tmp_path)
    (root / "b.json").write_text("{not json")
    proc = cli("check", ".", "--baseline", "b.json", cwd=root)
    assert proc.returncode == 2 and "b.json: not a baseline file (invalid JSON" in proc.stderr
    (root / "b.json").write_text('{"version": 1, "entries": [{"code": "LLM001"}]}')
    proc = cli("check", ".", "--baseline", "b.json", cwd=root)
    assert proc.returncode == 2 and "entry 0 needs code, path, function, call" in proc.stderr
    proc = cli("check", ".", "--baseline", "missing.json", cwd=root)
    assert proc.returncode == 2 and "missing.json: cannot read" in proc.stderr
    (root / "blocker").write_text("a file where a folder should be")
    proc = cli("check", ".", "--write-baseline", "blocker/b.json", cwd=root)
    assert proc.returncode == 2 and "blocker/b.json: cannot write" in proc.stderr
