"""Fenced code blocks of a Markdown file, for tests that check the docs' snippets."""
from __future__ import annotations

import re
from pathlib import Path
from typing import List, Tuple

FENCE = re.compile(r"^```(?P<lang>[\w-]*)\n(?P<body>.*?)^```", re.MULTILINE | re.DOTALL)


def snippets(path: Path, lang: str = "") -> List[Tuple[str, str]]:
    """(language, text) of every fenced block, or of those in ``lang``."""
    text = path.read_text(encoding="utf-8")
    found = [(m.group("lang"), m.group("body")) for m in FENCE.finditer(text)]
    return [s for s in found if not lang or s[0] == lang]
