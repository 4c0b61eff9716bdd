import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))


@pytest.fixture
def run_cli(monkeypatch, capsys):
    """The CLI's ``main`` in this process (no interpreter start-up): (exit code, stdout, stderr)."""
    from llm_latency_lint.cli import main

    def run(cwd: Path, *args: str):
        monkeypatch.chdir(cwd)
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run
