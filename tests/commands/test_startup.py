"""Start-up: what a process imports before it knows it needs it.

libcst (0.13 s of CPU to import, most of it building its node classes) is needed only to parse a
file. The CLI, the engine, the graph stage and the flake8 plugin's entry import without it, so a
warm run (every file's facts cached) and flake8's start-up never pay for it.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from support.paths import DEMO


def _imports_libcst(code: str) -> bool:
    probe = code + "\nimport sys\nprint('libcst' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    return out.stdout.strip().splitlines()[-1] == "True"


@pytest.mark.parametrize("module", ["llm_latency_lint.cli", "llm_latency_lint.engine", "llm_latency_lint.flake8_plugin",
                                    "llm_latency_lint.project.classify", "llm_latency_lint.catalog.triggers"])
def test_entry_points_and_the_graph_stage_import_without_libcst(module):
    assert not _imports_libcst(f"import {module}")


def test_a_warm_check_never_imports_libcst_and_a_cold_one_does(tmp_path):
    run = textwrap.dedent(f"""
        import contextlib, io
        from llm_latency_lint.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            main(["check", {str(DEMO)!r}, "--cache-dir", {str(tmp_path)!r}, "-q", "--exit-zero"])
    """)
    assert _imports_libcst(run)  # cold: the demo's files are parsed
    assert not _imports_libcst(run)  # warm: their facts are cached
