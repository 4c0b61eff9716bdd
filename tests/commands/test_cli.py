"""The CLI as users run it: a subprocess, exit codes, and the stable audit JSON schema."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from support.cli import SCHEDULED_JOB, cli
from support.paths import REPO

from llm_latency_lint.reporters.schema import AuditOut, CheckOut


def test_check_reports_findings_with_evidence_and_exit_1(tmp_path):
    (tmp_path / "jobs.py").write_text(SCHEDULED_JOB)
    proc = cli("check", ".", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("jobs.py:6:12: LLM001 openai chat.completions.create runs only from pragma")
    assert lines[1] == "    jobs.py:5: pragma '# llm-latency: scheduled' on nightly_summary"
    assert lines[-1] == "Found 1 finding (LLM001: 1)."


def test_check_clean_project_exits_0_and_exit_zero_flag(tmp_path):
    (tmp_path / "a.py").write_text("print('hello')\n")
    assert cli("check", ".", cwd=tmp_path).returncode == 0
    (tmp_path / "jobs.py").write_text(SCHEDULED_JOB)
    assert cli("check", ".", "--exit-zero", cwd=tmp_path).returncode == 0
    assert cli("check", ".", "--ignore", "LLM001", cwd=tmp_path).returncode == 0
    assert cli("check", ".", "--select", "LLM002", cwd=tmp_path).returncode == 0


def test_check_json_and_audit_json_validate_against_the_schema_models(tmp_path):
    (tmp_path / "jobs.py").write_text(SCHEDULED_JOB)
    (tmp_path / "broken.py").write_text("import openai\ndef f(:\n")
    check = CheckOut.model_validate_json(cli("check", ".", "--format", "json", cwd=tmp_path).stdout)
    assert [(f.code, f.path, f.line, f.column) for f in check.findings] == [("LLM001", "jobs.py", 6, 12)]
    proc = cli("audit", ".", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    audit = AuditOut.model_validate(data)
    assert audit.version == 1
    site = audit.call_sites[0]
    assert (site.path, site.line, site.column, site.provider, site.operation, site.latency_class) == (
        "jobs.py", 6, 12, "openai", "chat.completions.create", "scheduled"
    )
    assert audit.summary.by_class == {"scheduled": 1}
    assert [e.path for e in audit.errors] == ["broken.py"]
    assert audit.errors[0].message.startswith("syntax error at 2:")
    assert set(data) == {"version", "root", "call_sites", "summary", "errors"}
    assert data["root"] == tmp_path.resolve().as_posix()  # what the paths are relative to
    # Version 1 fields are all there; fields are only ever added (the audit's savings model added these).
    v1 = {"path", "line", "column", "provider", "operation", "latency_class", "evidence"}
    added = {"model", "trigger", "frequency", "batch_eligible", "monthly_usd", "monthly_savings_usd"}
    assert v1 <= set(data["call_sites"][0]) <= v1 | added
    assert set(data["summary"]) == {"by_class", "savings"}


def test_config_errors_exit_2_naming_file_and_key(tmp_path):
    (tmp_path / "jobs.py").write_text(SCHEDULED_JOB)
    (tmp_path / "pyproject.toml").write_text('[tool.llm-latency-lint]\nselekt = ["LLM"]\n')
    proc = cli("check", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert "pyproject.toml" in proc.stderr and "tool.llm-latency-lint.selekt: unknown key" in proc.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.llm-latency-lint]\nper-file-ignores = {"x.py" = "LLM001"}\n')
    proc = cli("check", ".", cwd=tmp_path)
    assert proc.returncode == 2 and "tool.llm-latency-lint.per-file-ignores" in proc.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.llm-latency-lint]\nignore = ["llm-001"]\n')
    proc = cli("check", ".", cwd=tmp_path)
    assert proc.returncode == 2 and "tool.llm-latency-lint.ignore" in proc.stderr


def test_config_from_pyproject_is_applied(tmp_path):
    (tmp_path / "jobs.py").write_text(SCHEDULED_JOB)
    (tmp_path / "pyproject.toml").write_text('[tool.llm-latency-lint]\nper-file-ignores = {"jobs.py" = ["LLM001"]}\n')
    assert cli("check", ".", cwd=tmp_path).returncode == 0


def test_missing_path_is_a_usage_error(tmp_path):
    proc = cli("check", "nope", cwd=tmp_path)
    assert proc.returncode == 2 and "no such file" in proc.stderr


def test_explain_prints_the_rule_doc_and_rejects_unknown_codes(tmp_path):
    proc = cli("explain", "llm001", cwd=tmp_path)
    assert proc.returncode == 0
    for heading in ("# LLM001", "## What it finds", "## Why it costs money", "## Fix safety", "## Use instead"):
        assert heading in proc.stdout
    assert cli("explain", "LLM999", cwd=tmp_path).returncode == 2


def test_console_script_is_installed(tmp_path):
    exe = Path(sys.executable).parent / "llm-latency-lint"
    proc = subprocess.run([str(exe), "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("llm-latency-lint ")


def test_bad_select_and_ignore_codes_are_one_line_usage_errors(tmp_path):
    (tmp_path / "jobs.py").write_text(SCHEDULED_JOB)
    for option, value in [("--ignore", "LLM0O1"), ("--select", "LLM01"), ("--select", "LMM001"), ("--select", "foo"),
                          ("--ignore", "LLM001,LLM7")]:
        proc = cli("check", ".", option, value, cwd=tmp_path)
        assert proc.returncode == 2, (option, value, proc.stdout)
        assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert proc.stderr.startswith(f"llm-latency-lint: {option}: ") and "LLM001" in proc.stderr, proc.stderr
    # The config file gets the same check.
    (tmp_path / "pyproject.toml").write_text('[tool.llm-latency-lint]\nselect = ["LLM01"]\n')
    proc = cli("check", ".", cwd=tmp_path)
    assert proc.returncode == 2 and "tool.llm-latency-lint.select" in proc.stderr and "LLM900" in proc.stderr
    (tmp_path / "pyproject.toml").unlink()
    assert cli("check", ".", "--select", "LLM00", "--ignore", "LLM1", cwd=tmp_path).returncode == 1


def test_the_config_code_list_is_every_rule_and_llm900():
    from llm_latency_lint.config import RULE_CODES
    from llm_latency_lint.flake8_plugin import INTERNAL_ERROR
    from llm_latency_lint.rules import rules_by_code

    assert set(RULE_CODES) == {*rules_by_code(), INTERNAL_ERROR}


def test_check_paths_are_relative_to_the_current_directory_like_ruff(tmp_path):
    """Run from above the project: every text, json and json-lines path (evidence too) opens from
    here; run from elsewhere, they are absolute. The audit JSON stays root-relative with a root."""
    app = tmp_path / "repo" / "fixtures" / "app"
    (app / "pkg").mkdir(parents=True)
    (app / "pkg" / "jobs.py").write_text(SCHEDULED_JOB)
    (app / "pkg" / "broken.py").write_text("import openai\ndef f(:\n")
    repo = tmp_path / "repo"
    text = cli("check", "fixtures/app", cwd=repo).stdout.splitlines()
    assert text[0].startswith("fixtures/app/pkg/jobs.py:6:12: LLM001 ")
    assert text[1] == "    fixtures/app/pkg/jobs.py:5: pragma '# llm-latency: scheduled' on nightly_summary"
    assert "fixtures/app/pkg/broken.py: error: syntax error at 2:" in "\n".join(text)
    data = json.loads(cli("check", "fixtures/app", "--format", "json", cwd=repo).stdout)
    assert [f["path"] for f in data["findings"]] == ["fixtures/app/pkg/jobs.py"]
    assert [e["path"] for e in data["findings"][0]["evidence"]] == ["fixtures/app/pkg/jobs.py"]
    assert [e["path"] for e in data["errors"]] == ["fixtures/app/pkg/broken.py"]
    lines = [json.loads(line) for line in cli("check", "fixtures/app", "--format", "json-lines", cwd=repo).stdout.splitlines()]
    assert [line["path"] for line in lines] == ["fixtures/app/pkg/jobs.py", "fixtures/app/pkg/broken.py"]
    fixes = cli("check", "fixtures/app", "--show-fixes", cwd=repo).stdout
    assert "\n  fixtures/app/pkg/jobs.py:6:12: LLM001 " in fixes, fixes
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    outside = cli("check", str(app), cwd=elsewhere).stdout.splitlines()
    assert outside[0].startswith(f"{(app / 'pkg' / 'jobs.py').resolve().as_posix()}:6:12: LLM001 ")
    audit = json.loads(cli("audit", "fixtures/app", "--format", "json", cwd=repo).stdout)
    assert audit["root"] == app.resolve().as_posix()
    assert [s["path"] for s in audit["call_sites"]] == ["pkg/jobs.py"]


def test_explain_knows_every_code_the_readme_lists(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    listed = sorted(set(re.findall(r"^\| \[?(LLM\d{3})", readme, re.MULTILINE)))
    assert "LLM900" in listed and "LLM001" in listed
    for code in listed:
        proc = cli("explain", code, cwd=tmp_path)
        assert proc.returncode == 0 and proc.stdout.startswith(f"# {code} "), (code, proc.stderr)
    assert "flake8" in cli("explain", "llm900", cwd=tmp_path).stdout
