"""Reporters only format: each takes an engine ``Result`` and returns text."""
from __future__ import annotations

from typing import Callable, Dict

from ..engine import Result
from . import audit_json, audit_text, check_json, check_text, github, json_lines, rdjson, sarif, statistics

CHECK_FORMATS: Dict[str, Callable[[Result], str]] = {
    "text": check_text.render,
    "json": check_json.render,
    "json-lines": json_lines.render,
    "github": github.render,
    "sarif": sarif.render,
    "rdjson": rdjson.render,
}
AUDIT_FORMATS: Dict[str, Callable[[Result], str]] = {"text": audit_text.render, "json": audit_json.render}
STATISTICS: Callable[[Result], str] = statistics.render
