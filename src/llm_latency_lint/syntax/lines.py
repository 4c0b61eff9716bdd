"""Lines of Python source as the tokenizer and libcst count them."""
from __future__ import annotations

import re
from typing import List

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def source_lines(text: str, keepends: bool = True) -> List[str]:
    """Lines (with their ends unless ``keepends`` is false), split where the tokenizer and libcst
    positions split them.

    ``str.splitlines`` also breaks at form feeds, ``\\x1c``-``\\x1e``, ``\\x85`` and U+2028,
    which Python source treats as ordinary characters: line numbers would drift after them.
    """
    lines = _LINE.findall(text)
    return lines if keepends else [line.rstrip("\r\n") for line in lines]
