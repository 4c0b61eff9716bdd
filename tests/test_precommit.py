"""The real pre-commit runs our hook from a clone of this repository (slow: it builds a venv).

pre-commit pip-installs the package into a fresh virtualenv, which needs the package index and
about half a minute; both invocations (``try-repo``, then ``run`` with the configuration shown
in docs/integrations.md) share that one environment.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sample_project import FILES, STREAM_FILES, make
from snippets import snippets

REPO = Path(__file__).resolve().parents[1]
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid"}


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def snapshot(dest: Path) -> Path:
    """This working tree as committed files in a fresh repository (tracked and new files alike)."""
    for name in git(REPO, "ls-files", "-co", "--exclude-standard", "-z").split("\0"):
        if name and (REPO / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, dest / name)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-qm", "snapshot")
    return dest


def test_hook_definitions_parse_and_call_the_cli():
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"llm-latency-lint", "llm-latency-lint-fix"}
    assert hooks["llm-latency-lint"]["entry"] == "llm-latency-lint check --project-root ."
    assert hooks["llm-latency-lint-fix"]["entry"].endswith("--fix")
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["types"] == ["python"] and hook["require_serial"] is True


@pytest.mark.slow
def test_real_pre_commit_hooks_use_whole_project_evidence_for_the_changed_files(tmp_path):
    clone = snapshot(tmp_path / "clone")
    work = make(tmp_path / "work", {**FILES, **STREAM_FILES})
    git(work, "init", "-q")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "app")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def try_repo(*files: str, hook: str = "llm-latency-lint") -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(clone), hook, "--files", *files]
        return subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=600)

    failing = try_repo("llm.py", "web.py")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "llm.py:7:12: LLM001 openai chat.completions.create runs only from beat_schedule 'nightly-summary'" in failing.stdout
    assert "    celery_app.py:6: beat_schedule 'nightly-summary'" in failing.stdout
    assert "web.py:" not in failing.stdout

    # The fix hook: the safe stream fix in the passed file, found through beat.py's schedule.
    fixing = try_repo("digest.py", hook="llm-latency-lint-fix")
    assert fixing.returncode == 1 and "files were modified by this hook" in fixing.stdout, fixing.stdout + fixing.stderr
    assert "Fixed 1 finding(s) in 1 file(s)." in fixing.stdout
    assert "stream=True" not in (work / "digest.py").read_text()
    git(work, "checkout", "--", "digest.py")
    # The documented .pre-commit-config.yaml, pointed at the clone and its commit.
    (_, documented), = [s for s in snippets(REPO / "docs" / "integrations.md", "yaml") if "repos:" in s[1]]
    config = yaml.safe_load(documented)
    config["repos"][0].update(repo=str(clone), rev=git(clone, "rev-parse", "HEAD").strip())
    (work / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    git(work, "add", ".pre-commit-config.yaml")
    cmd = [sys.executable, "-m", "pre_commit", "run", "--files", "tasks.py", "web.py"]
    passing = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert re.search(r"^llm-latency-lint\.+Passed$", passing.stdout, re.MULTILINE), passing.stdout
