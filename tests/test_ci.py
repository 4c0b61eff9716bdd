""".ci/run: README's test command on the default python3, then the suite on the oldest and newest
supported interpreters pyenv has, a missing one skipped with a line (dry run: what would run)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.paths import REPO

ROOT = REPO
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a bash script")


def dry_run(tmp_path: Path, listed=None, installed=()) -> subprocess.CompletedProcess:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    if listed is not None:
        pyenv = bin_dir / "pyenv"
        pyenv.write_text(
            "#!/bin/sh\n"
            f"[ \"$1\" = root ] && echo {tmp_path} && exit 0\n"
            f"printf '%s\\n' {' '.join(listed)}\n"
        )
        pyenv.chmod(0o755)
    for version in installed:
        python = tmp_path / "versions" / version / "bin" / "python"
        python.parent.mkdir(parents=True)
        python.write_text("#!/bin/sh\n")
        python.chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path), "PYENV_ROOT": str(tmp_path / "none"),
           "PYTHON": sys.executable, "CI_RUN_DRY": "1"}
    return subprocess.run(["bash", str(ROOT / ".ci" / "run")], env=env, capture_output=True, text=True, timeout=60)


def test_the_suite_runs_on_the_oldest_and_newest_supported_pyenv_interpreters(tmp_path):
    # Versions no real interpreter has, so the default python3 is never one of them.
    proc = dry_run(tmp_path, ["2.7.18", "3.8.18", "3.9.98", "3.10.97", "3.98.0", "3.12.96"], ["3.9.98", "3.98.0"])
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(".ci/run: the suite on Python 3.") and lines[0].endswith("(default python3)")
    assert lines[1:] == [".ci/run: the suite on Python 3.9.98 (oldest supported interpreter found)",
                         ".ci/run: the suite on Python 3.98.0 (newest supported interpreter found)"]


def test_a_missing_interpreter_is_skipped_with_a_line(tmp_path):
    (tmp_path / "a").mkdir()
    proc = dry_run(tmp_path / "a", ["3.9.98", "3.98.0"], ["3.9.98"])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1:] == [
        ".ci/run: the suite on Python 3.9.98 (oldest supported interpreter found)",
        f".ci/run: Python 3.98.0 (newest) has no interpreter at {tmp_path / 'a'}/versions/3.98.0/bin/python: skipped",
    ]
    (tmp_path / "b").mkdir()
    none = dry_run(tmp_path / "b")
    assert none.returncode == 0, none.stderr
    assert none.stdout.splitlines()[1:] == [
        ".ci/run: no pyenv-installed Python >= 3.9 found: the oldest supported interpreter is skipped",
        ".ci/run: no pyenv-installed Python >= 3.9 found: the newest supported interpreter is skipped",
    ]


def test_the_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -e ".[test]" && python -m pytest' in readme
    assert 'python -m pip install --quiet -e ".[test]" && python -m pytest' in script
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def test_a_dry_run_removes_no_environment(tmp_path):
    """The environments are removed after a real run to spare the disk; a dry run (this suite, whose
    own interpreter may live in ``.ci-venv``) must leave them alone."""
    copy = tmp_path / "repo"
    (copy / ".ci").mkdir(parents=True)
    (copy / ".ci" / "run").write_text((ROOT / ".ci" / "run").read_text(encoding="utf-8"), encoding="utf-8")
    for venv in (".ci-venv", ".ci-venv-3.9.98"):
        (copy / venv).mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYENV_ROOT": str(tmp_path / "none"),
           "PYTHON": sys.executable, "CI_RUN_DRY": "1"}
    proc = subprocess.run(["bash", str(copy / ".ci" / "run")], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert (copy / ".ci-venv").is_dir() and (copy / ".ci-venv-3.9.98").is_dir()
    real = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'rm -rf .ci-venv' in real and 'rm -rf "$venv"' in real  # a real run still removes them
