import os
import shutil
from pathlib import Path

import pytest
from support.paths import DEMO, FIX_FIXTURES

# Mini-projects and fixable shapes under fixtures/ are scanned by the linter, never collected by pytest.
collect_ignore_glob = ["fixtures/*"]

# litellm fetches its model cost map from the internet at import unless told to use its bundled copy.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")



@pytest.fixture(scope="session")
def fixed_fixtures(tmp_path_factory):
    """tests/fixtures/fix copied and fixed once (--fix --unsafe-fixes): (folder, FixReport)."""
    from llm_latency_lint.config import load
    from llm_latency_lint.fixes import FixOptions, fix_paths

    folder = tmp_path_factory.mktemp("fixed") / "app"
    shutil.copytree(FIX_FIXTURES, folder)
    report = fix_paths([folder], load(folder / "pyproject.toml"), FixOptions(unsafe=True), write=True)
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


from hypothesis import HealthCheck, settings  # noqa: E402

# Property tests: "ci" (default) stays a few seconds; "long" is the fuzz run documented in
# docs/robustness.md: python -m pytest tests/test_properties.py --hypothesis-profile=long
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=25, deadline=None, suppress_health_check=_SLOW_OK, derandomize=True)
settings.register_profile("long", max_examples=10_000, deadline=None, suppress_health_check=_SLOW_OK)
settings.load_profile("ci")


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory) -> Path:
    """A copy of fixtures/demo_app, so runs on it (and their facts cache) never touch the fixture."""
    folder = tmp_path_factory.mktemp("demo") / "demo_app"
    shutil.copytree(DEMO, folder,
                    ignore=shutil.ignore_patterns(".llm_latency_lint_cache"))
    return folder
