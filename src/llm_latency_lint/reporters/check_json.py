"""``check --format json``: findings with their evidence, and per-file errors."""
from __future__ import annotations

from llm_latency_lint.reporters.convert import check
from llm_latency_lint.result import Result


def render(result: Result) -> str:
    return check(result).model_dump_json(indent=2, exclude_none=True) + "\n"
