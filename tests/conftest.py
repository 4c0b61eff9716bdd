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
    from llm_latency_lint.config import Config
    from llm_latency_lint.fixes import FixOptions, fix_paths

    folder = tmp_path_factory.mktemp("fixed") / "app"
    shutil.copytree(FIX_FIXTURES, folder)
    report = fix_paths([folder], Config(), FixOptions(unsafe=True), write=True)
    assert not report.errors, report.errors
    return folder, report


from hypothesis import HealthCheck, settings  # noqa: E402

# Property tests: "ci" (default) stays a few seconds; "long" is the fuzz run documented in
# docs/robustness.md: python -m pytest tests/test_properties.py --hypothesis-profile=long
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=25, deadline=None, suppress_health_check=_SLOW_OK, derandomize=True)
settings.register_profile("long", max_examples=10_000, deadline=None, suppress_health_check=_SLOW_OK)
settings.load_profile("ci")
