"""``audit --format json``: the stable, versioned inventory (see docs/output-formats.md)."""
from __future__ import annotations

from ..engine import Result
from .convert import audit


def render(result: Result) -> str:
    return audit(result).model_dump_json(indent=2, exclude_none=True) + "\n"
