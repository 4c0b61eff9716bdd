"""``check --format json``: findings with their evidence, and per-file errors."""
from __future__ import annotations

from ..engine import Result
from .convert import check


def render(result: Result) -> str:
    return check(result).model_dump_json(indent=2, exclude_none=True) + "\n"
