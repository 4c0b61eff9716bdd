import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from hypothesis import HealthCheck, settings  # noqa: E402

# Property tests: "ci" (default) stays a few seconds; "long" is the fuzz run documented in
# docs/robustness.md: python -m pytest tests/test_properties.py --hypothesis-profile=long
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=25, deadline=None, suppress_health_check=_SLOW_OK, derandomize=True)
settings.register_profile("long", max_examples=10_000, deadline=None, suppress_health_check=_SLOW_OK)
settings.load_profile("ci")
