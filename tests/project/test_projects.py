"""Mini-projects with expectations written beside the code (see expectations.py)."""
from __future__ import annotations

import pytest
from support.expectations import compare
from support.paths import DEMO, TESTS
from support.paths import PROJECTS as PROJECTS_ROOT

HERE = TESTS
PROJECTS = sorted(p for p in (PROJECTS_ROOT).iterdir() if p.is_dir())


@pytest.mark.parametrize("root", [*PROJECTS, DEMO], ids=lambda p: p.name)
def test_project_matches_its_expectations(root):
    if not root.exists():
        pytest.skip(f"{root} not present")
    assert compare(root.resolve()) == []
