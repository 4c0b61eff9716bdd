"""Reporters only format: each takes an engine ``Result`` and returns text.

A run uses one format, so each reporter module is imported when its format is asked for:
the CLI's start-up (which a warm run is mostly made of) does not pay for the other ten.
"""
from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, Callable, Dict, Iterator


class Formats(Mapping):
    """Format name -> ``render`` of the reporter module named for it, imported on first use."""

    def __init__(self, modules: Dict[str, str]) -> None:
        self._modules = modules

    def __getitem__(self, name: str) -> Callable[..., str]:
        return importlib.import_module(f"{__name__}.{self._modules[name]}").render

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


CHECK_FORMATS = Formats({
    "text": "check_text",
    "json": "check_json",
    "json-lines": "json_lines",
    "github": "github",
    "sarif": "sarif",
    "rdjson": "rdjson",
})
# Audit formats take the inventory (sites and savings) and whether to use colour.
AUDIT_FORMATS = Formats({
    "text": "audit_text",
    "markdown": "audit_markdown",
    "json": "audit_json",
    "html": "audit_html",
})


def STATISTICS(result: Any) -> str:  # noqa: N802 - the name the CLI and tests use
    from llm_latency_lint.reporters.statistics import render

    return render(result)
