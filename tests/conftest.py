import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

# Mini-projects under projects/ are scanned by the linter, never collected by pytest.
collect_ignore_glob = ["projects/*"]

FIX_FIXTURES = HERE / "fix_fixtures"


@pytest.fixture(scope="session")
def fixed_fixtures(tmp_path_factory):
    """tests/fix_fixtures copied and fixed once (--fix --unsafe-fixes): (folder, FixReport)."""
    from llm_latency_lint.config import Config
    from llm_latency_lint.fixes import FixOptions, fix_paths

    folder = tmp_path_factory.mktemp("fixed") / "app"
    shutil.copytree(FIX_FIXTURES, folder)
    report = fix_paths([folder], Config(), FixOptions(unsafe=True), write=True)
    assert not report.errors, report.errors
    return folder, report


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
