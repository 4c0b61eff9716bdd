"""Every fixed fixture type-checks under ``mypy --strict`` against the installed SDKs.

One mypy run over the whole fixed folder (slow part: the SDKs' types load once). A control file
in the same run misuses a fixed function's return type, so the run proves mypy saw the types.
Fixtures whose fix needs a newer SDK than the one installed (google-genai and mistralai on
Python 3.9) are not rewritten, and are left out of the run: the original code targets that SDK.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fixlib import sdk_too_old

CACHE = Path(__file__).resolve().parent.parent / ".mypy_cache"


def test_fixed_fixtures_pass_mypy_strict(fixed_fixtures):
    folder, report = fixed_fixtures
    expected = sorted(p.name for p in folder.glob("*.py") if not sdk_too_old(p.name))
    assert sorted(report.fixed) == expected  # every fixture whose SDK is new enough was rewritten
    (folder / "control_misuse.py").write_text(
        "from chat_single import run\n\nwrong: int = run('x', [])\n", encoding="utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(CACHE), "--no-error-summary", *expected, "control_misuse.py"],
        cwd=folder, capture_output=True, text=True, timeout=300,
    )
    errors = [line for line in proc.stdout.splitlines() if ": error:" in line]
    assert errors == [
        'control_misuse.py:3: error: Incompatible types in assignment (expression has type "str", '
        'variable has type "int")  [assignment]'
    ], proc.stdout + proc.stderr
