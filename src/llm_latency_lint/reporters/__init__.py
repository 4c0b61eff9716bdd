"""Reporters only format: each takes an engine ``Result`` and returns text."""
from __future__ import annotations

from typing import Callable, Dict

from ..engine import Result
from ..inventory import Audit
from . import (
    audit_html, audit_json, audit_markdown, audit_text, check_json, check_text, github, json_lines, rdjson, sarif,
    statistics,
)

CHECK_FORMATS: Dict[str, Callable[[Result], str]] = {
    "text": check_text.render,
    "json": check_json.render,
    "json-lines": json_lines.render,
    "github": github.render,
    "sarif": sarif.render,
    "rdjson": rdjson.render,
}
# Audit formats take the inventory (sites and savings) and whether to use colour.
AUDIT_FORMATS: Dict[str, Callable[[Audit, bool], str]] = {
    "text": audit_text.render,
    "markdown": audit_markdown.render,
    "json": audit_json.render,
    "html": audit_html.render,
}
STATISTICS: Callable[[Result], str] = statistics.render
