"""The surveys' one way to print a table: aligned text for a terminal, or Markdown for the docs."""
from __future__ import annotations

from typing import Sequence


def render(rows: Sequence[Sequence[str]], markdown: bool) -> str:
    """``rows[0]`` is the header; every row has as many cells."""
    if markdown:
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "|" + " --- |" * len(rows[0]))
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows)
