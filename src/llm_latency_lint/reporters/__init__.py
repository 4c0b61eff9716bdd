"""Reporters only format: each takes an engine ``Result`` and returns text."""
from __future__ import annotations

from typing import Callable, Dict

from ..engine import Result
from . import audit_json, audit_text, check_json, check_text

CHECK_FORMATS: Dict[str, Callable[[Result], str]] = {"text": check_text.render, "json": check_json.render}
AUDIT_FORMATS: Dict[str, Callable[[Result], str]] = {"text": audit_text.render, "json": audit_json.render}
