"""``check --format json-lines``: one JSON object per line, for streaming consumers and ``jq``.

A finding line has the ``check --format json`` finding fields (it has ``code``); a file that
could not be checked is a line with only ``path`` and ``message``.
"""
from __future__ import annotations

from llm_latency_lint.reporters.convert import errors, finding
from llm_latency_lint.result import Result


def render(result: Result) -> str:
    lines = [finding(f, result.texts).model_dump_json(exclude_none=True) for f in result.findings]
    lines += [e.model_dump_json() for e in errors(result)]
    return "".join(line + "\n" for line in lines)
