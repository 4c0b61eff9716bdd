import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

# Mini-projects under projects/ are scanned by the linter, never collected by pytest.
collect_ignore_glob = ["projects/*"]

import shutil  # noqa: E402

import pytest  # noqa: E402

FIX_FIXTURES = HERE / "fix_fixtures"


@pytest.fixture(scope="session")
def fixed_fixtures(tmp_path_factory):
    """tests/fix_fixtures copied and fixed once (--fix --unsafe-fixes): (folder, FixReport)."""
    from llm_latency_lint.config import load
    from llm_latency_lint.fixes import FixOptions, fix_paths

    folder = tmp_path_factory.mktemp("fixed") / "app"
    shutil.copytree(FIX_FIXTURES, folder)
    report = fix_paths([folder], load(folder / "pyproject.toml"), FixOptions(unsafe=True), write=True)
    assert not report.errors, report.errors
    return folder, report
