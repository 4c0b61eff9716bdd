"""How ``python -m llm_latency_lint`` ends: a batch command exits at once (no interpreter
teardown) with its exit code and its whole output, piped or not; the language server ends with
an ordinary exit, so its analysis worker is joined and atexit handlers run."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.paths import DEMO

from llm_latency_lint.cli import main


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".llm_latency_lint_cache"))
    return root


def _module(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "llm_latency_lint", *args], cwd=cwd, capture_output=True, timeout=300)


def test_exit_codes_and_the_whole_output_pass_through_a_pipe(demo, capsys):
    """The output read whole from a pipe is the output of ``main`` in this process, byte for byte,
    with ``main``'s exit code: findings 1, clean 0, usage error 2."""
    args = ["check", "--format", "json", "-q", "--no-cache", "."]
    piped = _module(*args, cwd=demo)
    import os

    here = os.getcwd()
    os.chdir(demo)
    try:
        expected_code = main(args)
    finally:
        os.chdir(here)
    expected = capsys.readouterr().out.encode()
    assert expected_code == 1 and len(expected) > 10_000  # findings, and more than one pipe buffer's worth
    assert (piped.returncode, piped.stdout) == (expected_code, expected)
    assert _module("check", "--exit-zero", "-q", "--no-cache", ".", cwd=demo).returncode == 0
    missing = _module("check", "-q", "no/such/path", cwd=demo)
    assert missing.returncode == 2 and b"no such file or directory" in missing.stderr
    explained = _module("explain", "LLM001", cwd=demo)
    assert explained.returncode == 0 and explained.stdout.startswith(b"# LLM001")


@pytest.mark.skipif(not shutil.which("head") or not shutil.which("sh"), reason="a POSIX shell and head")
def test_a_reader_that_stops_early_gets_the_start_of_the_output(demo):
    """``| head -c N``: the reader gets exactly the first N bytes of the full output; the run
    still ends (no hang on the closed pipe)."""
    full = _module("audit", "--format", "json", "-q", "--no-cache", ".", cwd=demo)
    assert full.returncode == 0 and len(full.stdout) > 10_000
    command = f"'{sys.executable}' -m llm_latency_lint audit --format json -q --no-cache . | head -c 100"
    head = subprocess.run(["sh", "-c", command], cwd=demo, capture_output=True, timeout=300)
    assert head.returncode == 0
    assert head.stdout == full.stdout[:100]


def test_the_server_command_ends_with_an_ordinary_exit(tmp_path):
    """``server`` (with pygls: stdin at its end; without: the missing-extra message) returns
    through ``sys.exit``: atexit handlers run, so a worker thread still writing the store is
    joined instead of killed (``os._exit`` would skip both)."""
    marker = tmp_path / "atexit-ran"
    script = (
        "import atexit, runpy, sys\n"
        f"atexit.register(lambda: open({str(marker)!r}, 'w').write('yes'))\n"
        "sys.argv = ['llm-latency-lint', 'server']\n"
        "runpy.run_module('llm_latency_lint', run_name='__main__', alter_sys=True)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=120)
    assert proc.returncode in (0, 2), proc.stderr
    assert marker.read_text() == "yes"
