"""Every fixed fixture type-checks under ``mypy --strict`` against the installed SDKs.

One mypy run over the whole fixed folder (slow part: the SDKs' types load once). A control file
in the same run misuses a fixed function's return type, so the run proves mypy saw the types;
its second line passes a provider the LiteLLM helper's signature does not take. (litellm's
functions and ``litellm.ModelResponse`` are ``Any`` to mypy, through its untyped ``@client``
decorator and module ``__getattr__``: fixed LiteLLM code has the static types the original had.)
Fixtures whose fix needs a newer SDK than the one installed (google-genai and mistralai on
Python 3.9) are not rewritten, and are left out of the run: the original code targets that SDK.
litellm needs Python 3.10 and is not installed on 3.9: its fixtures are rewritten but not typed there.
"""
from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys

from support.fixlib import MYPY_TIMEOUT, sdk_too_old
from support.paths import REPO

CACHE = REPO / ".mypy_cache"


def test_fixed_fixtures_pass_mypy_strict(fixed_fixtures):
    folder, report = fixed_fixtures
    expected = sorted(p.name for p in folder.glob("*.py") if not sdk_too_old(p.name))
    assert sorted(report.fixed) == expected  # every fixture whose SDK is new enough was rewritten
    litellm = importlib.util.find_spec("litellm") is not None
    typed = [name for name in expected if litellm or not name.startswith("litellm_")]
    control = "from chat_single import run\n\nwrong: int = run('x', [])\n"
    if litellm:
        control = control.replace("\n\n", "\nfrom litellm_single import _litellm_batch\n\n") + "_litellm_batch('anthropic', [])\n"
    (folder / "control_misuse.py").write_text(control, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(CACHE), "--no-error-summary", *typed, "control_misuse.py"],
        cwd=folder, capture_output=True, text=True, timeout=MYPY_TIMEOUT,
    )
    errors = [line for line in proc.stdout.splitlines() if ": error:" in line]
    wanted = [
        'control_misuse.py:4: error: Incompatible types in assignment (expression has type "str", '
        'variable has type "int")  [assignment]',
    ]
    if litellm:
        wanted.append(
            'control_misuse.py:5: error: Argument 1 to "_litellm_batch" has incompatible type '
            '"Literal[\'anthropic\']"; expected "Literal[\'openai\', \'azure\']"  [arg-type]'
        )
    else:
        wanted[0] = wanted[0].replace(":4:", ":3:")
    assert errors == wanted, proc.stdout + proc.stderr


def test_fixed_fixtures_with_one_helper_module_pass_mypy_strict_and_ruff(tmp_path):
    """The default layout: every fixture imports its helper from one generated ``_llm_batch.py``;
    that module and every fixed module type-check, and Ruff's F and I rules find nothing (the
    originals have no such error either)."""
    from support.fixlib import ruff
    from support.paths import FIX_FIXTURES

    from llm_latency_lint.config import load
    from llm_latency_lint.fixes import FixOptions, fix_paths

    folder = tmp_path / "app"
    shutil.copytree(FIX_FIXTURES, folder)
    config = folder / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('fix-helper-module = "inline"', ""), encoding="utf-8")
    assert ruff(folder, "--select", "F,I", ".").returncode == 0
    report = fix_paths([folder], load(config), FixOptions(unsafe=True), write=True)
    assert not report.errors and report.created == {"_llm_batch.py"}
    expected = sorted(p.name for p in FIX_FIXTURES.glob("*.py") if not sdk_too_old(p.name))
    assert sorted(report.fixed) == sorted(["_llm_batch.py", *expected])
    helpers = (folder / "_llm_batch.py").read_text(encoding="utf-8")
    for name in expected:  # no helper pasted into a fixed module
        assert not re.search(r"^(async )?def _\w+_batch", (folder / name).read_text(encoding="utf-8"), re.M), name
    assert helpers.count("def _batch_spans(") == 1
    lint = ruff(folder, "--select", "F,I", "--output-format", "concise", ".")
    assert lint.returncode == 0, lint.stdout
    litellm = importlib.util.find_spec("litellm") is not None
    typed = [name for name in expected if litellm or not name.startswith("litellm_")]
    if not litellm:  # the helper module holds the LiteLLM helper too: type it without those
        return
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(CACHE), "--no-error-summary", *typed, "_llm_batch.py"],
        cwd=folder, capture_output=True, text=True, timeout=MYPY_TIMEOUT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
