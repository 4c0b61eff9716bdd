"""``check --format json-lines``: one JSON object per line, for streaming consumers and ``jq``.

A finding line has the ``check --format json`` finding fields (it has ``code``); a file that
could not be checked is a line with only ``path`` and ``message``.
"""
from __future__ import annotations

from llm_latency_lint.files.locations import here
from llm_latency_lint.reporters.convert import errors, finding
from llm_latency_lint.result import Result


def render(result: Result) -> str:
    place = here(result.root)  # paths relative to the current directory, as in the text report
    lines = [finding(f, result.texts, place).model_dump_json(exclude_none=True) for f in result.findings]
    lines += [e.model_dump_json() for e in errors(result, place)]
    return "".join(line + "\n" for line in lines)
