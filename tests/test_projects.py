"""Mini-projects with expectations written beside the code (see expectations.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
from expectations import compare

HERE = Path(__file__).parent
PROJECTS = sorted(p for p in (HERE / "projects").iterdir() if p.is_dir())
DEMO = HERE.parent / "fixtures" / "demo_app"


@pytest.mark.parametrize("root", [*PROJECTS, DEMO], ids=lambda p: p.name)
def test_project_matches_its_expectations(root):
    if not root.exists():
        pytest.skip(f"{root} not present")
    assert compare(root.resolve()) == []
