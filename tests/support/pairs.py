"""An original fixture module and its fixed copy, each loaded as a fresh module."""
from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path

from support.paths import FIX_FIXTURES

_counter = itertools.count()


def load(path: Path):
    spec = importlib.util.spec_from_file_location(f"fixture_{path.stem}_{next(_counter)}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pair(fixed_fixtures, name):
    folder, _ = fixed_fixtures
    original, fixed = FIX_FIXTURES / f"{name}.py", folder / f"{name}.py"
    assert original.read_text() != fixed.read_text(), f"{name} was not rewritten"
    return load(original), load(fixed)
