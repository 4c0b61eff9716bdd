"""A fix as data: what reporters (SARIF, rdjson, --diff) and ``--fix`` share.

Fix producers live in ``fixes/``; they attach a ``Fix`` to a ``Finding``. A fix is a list of
text replacements in one file, plus whether applying it changes behaviour (``unsafe``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List


@dataclass(frozen=True)
class Edit:
    """Replace the text between two 1-based (line, column) positions of ``path``."""

    path: str
    start_line: int
    start_col: int
    end_line: int
    end_col: int
    replacement: str


@dataclass
class Fix:
    description: str
    safety: str  # "safe" | "unsafe"
    edits: List[Edit] = field(default_factory=list)
    refusal: str = ""  # set (and edits empty) when no fix is offered, saying why

    @property
    def applicable(self) -> bool:
        return bool(self.edits) and not self.refusal
