"""The ``# noqa`` comment syntax, apart from the libcst pass, so reading it costs no libcst import."""
from __future__ import annotations

import re

NOQA_RE = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)
# A file may hold an LLM noqa comment only if this matches somewhere in it (cheap, no tokenize).
LLM_NOQA_HINT = re.compile(r"noqa\s*:[^\n]*LLM", re.IGNORECASE)
