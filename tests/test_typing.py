"""The package type-checks: ``mypy`` with pyproject.toml's ``[tool.mypy]`` reports no error.

A cold run (no cache: a fresh clone, CI) takes about a minute, a warm one a few seconds; the cache
is kept under ``.mypy_cache/package`` (apart from the fixed fixtures' ``--strict`` runs). The
configuration is written for mypy 2 (its oldest target, Python 3.10): an older mypy, which an
interpreter mypy 2 no longer runs on installs, reads the same code otherwise, so the check is
skipped there (the suite still runs on that interpreter).
"""
from __future__ import annotations

import subprocess
import sys

import pytest
from support.fixlib import MYPY_TIMEOUT
from support.paths import REPO

mypy = pytest.importorskip("mypy.version")


def test_the_package_has_no_type_error():
    if int(mypy.__version__.split(".")[0]) < 2:
        pytest.skip(f"mypy {mypy.__version__}: the configuration is written for mypy 2")
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(REPO / ".mypy_cache" / "package"), "--no-error-summary"],
        cwd=REPO, capture_output=True, text=True, timeout=MYPY_TIMEOUT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
