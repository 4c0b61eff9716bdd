"""Where the tests' fixtures live: the one place that names them."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
FIXTURES = TESTS / "fixtures"
PROJECTS = FIXTURES / "projects"  # mini-projects with ``# expect:`` comments
FIX_FIXTURES = FIXTURES / "fix"  # one fixable shape per file
SCHEMAS = FIXTURES / "schemas"
DEMO = REPO / "fixtures" / "demo_app"
DEMO_TRACES = REPO / "fixtures" / "demo_traces"  # synthetic two-week trace export of the demo (scripts/gen_demo_traces.py)
TRACES = FIXTURES / "traces"  # one small export per trace format
SHAPES = REPO / "bench" / "shapes"  # the coverage survey of canonical usage (survey.py, snippets/)
SHAPES_RECORD = SHAPES / "record.json"  # its figures, rendered into docs/providers.md
