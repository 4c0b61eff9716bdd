"""Every fixed fixture type-checks under ``mypy --strict`` against the installed SDKs.

One mypy run over the whole fixed folder (slow part: the SDKs' types load once). A control file
in the same run misuses a fixed function's return type, so the run proves mypy saw the types;
its second line passes a provider the LiteLLM helper's signature does not take. (litellm's
functions and ``litellm.ModelResponse`` are ``Any`` to mypy, through its untyped ``@client``
decorator and module ``__getattr__``: fixed LiteLLM code has the static types the original had.)
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CACHE = Path(__file__).resolve().parent.parent / ".mypy_cache"


def test_fixed_fixtures_pass_mypy_strict(fixed_fixtures):
    folder, report = fixed_fixtures
    assert len(report.fixed) == len(list(folder.glob("*.py")))  # every fixture was rewritten
    (folder / "control_misuse.py").write_text(
        "from chat_single import run\nfrom litellm_single import _litellm_batch\n\nwrong: int = run('x', [])\n"
        "_litellm_batch('anthropic', [])\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(CACHE), "--no-error-summary", "."],
        cwd=folder, capture_output=True, text=True, timeout=300,
    )
    errors = [line for line in proc.stdout.splitlines() if ": error:" in line]
    assert errors == [
        'control_misuse.py:4: error: Incompatible types in assignment (expression has type "str", '
        'variable has type "int")  [assignment]',
        'control_misuse.py:5: error: Argument 1 to "_litellm_batch" has incompatible type '
        '"Literal[\'anthropic\']"; expected "Literal[\'openai\', \'azure\']"  [arg-type]',
    ], proc.stdout + proc.stderr
