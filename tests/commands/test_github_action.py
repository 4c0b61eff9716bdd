"""action.yml offline: it parses, references only real inputs, and its script runs against a fixture."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from support.paths import REPO, SCHEMAS
from support.sample_project import CALL_LINE, make

ACTION = yaml.safe_load((REPO / "action.yml").read_text())


def strings(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)
    elif isinstance(node, str):
        yield node


def test_action_is_composite_and_references_only_declared_inputs():
    assert ACTION["runs"]["using"] == "composite"
    declared = set(ACTION["inputs"])
    used = {m for s in strings(ACTION["runs"]) for m in re.findall(r"inputs\.([A-Za-z0-9_-]+)", s)}
    assert used == declared, "every input is used and every use is declared"
    (lint,) = [s for s in ACTION["runs"]["steps"] if s.get("id") == "lint"]
    assert "scripts/github_action.sh" in lint["run"] and (REPO / "scripts" / "github_action.sh").is_file()
    assert ACTION["outputs"]["sarif-file"]["value"] == "${{ steps.lint.outputs.sarif-file }}"
    for step in ACTION["runs"]["steps"]:
        assert "uses" in step or step["shell"] == "bash"


def run_script(cwd: Path, tmp_path: Path, **inputs: str) -> subprocess.CompletedProcess:
    (lint,) = [s for s in ACTION["runs"]["steps"] if s.get("id") == "lint"]
    env = {**os.environ, "GITHUB_OUTPUT": str(tmp_path / "output"), "GITHUB_ACTION_PATH": str(REPO),
           "LLM_LATENCY_LINT": str(Path(sys.executable).parent / "llm-latency-lint")}
    for name, value in lint["env"].items():  # each INPUT_* from its input, defaults as the runner would
        key = re.search(r"inputs\.([A-Za-z0-9_-]+)", value).group(1)
        env[name] = inputs.get(key.replace("-", "_"), ACTION["inputs"][key].get("default", ""))
    return subprocess.run(["bash", "-c", lint["run"]], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path):
    return make(tmp_path / "repo")


def test_annotations_mode_prints_workflow_commands_and_fails_on_warnings(project, tmp_path):
    proc = run_script(project, tmp_path)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(f"::warning file=llm.py,line={CALL_LINE},col=12,")
    assert lines[-1] == "::notice title=llm-latency-lint::1 finding (LLM001: 1)"
    assert run_script(project, tmp_path, fail_on="error").returncode == 0
    assert run_script(project, tmp_path, paths="web.py tasks.py").returncode == 0


def test_sarif_mode_writes_a_valid_report_and_sets_the_output(project, tmp_path):
    proc = run_script(project, tmp_path, format="sarif", sarif_file="out.sarif")
    assert proc.returncode == 1, proc.stderr
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    report = json.loads((project / "out.sarif").read_text())
    jsonschema.Draft4Validator(schema).validate(report)
    assert [r["ruleId"] for r in report["runs"][0]["results"]] == ["LLM001"]
    assert (tmp_path / "output").read_text() == "sarif-file=out.sarif\n"


def test_bad_format_input_is_reported(project, tmp_path):
    proc = run_script(project, tmp_path, format="xml")
    assert proc.returncode == 2 and "input 'format' must be 'annotations' or 'sarif'" in proc.stdout


def test_the_action_annotates_notebooks_inside_the_ipynb(tmp_path):
    import shutil

    from support.notebooks import NOTEBOOK_PROJECT

    repo = tmp_path / "nb"
    shutil.copytree(NOTEBOOK_PROJECT, repo)
    proc = run_script(repo, tmp_path)
    assert proc.returncode == 1, proc.stderr
    warnings = [l for l in proc.stdout.splitlines() if l.startswith("::warning file=notebooks/")]
    assert len(warnings) == 3
    lines = (repo / "notebooks" / "report.ipynb").read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "answer = client.responses.create" in text)
    assert any(w.startswith(f"::warning file=notebooks/report.ipynb,line={line},") for w in warnings)
