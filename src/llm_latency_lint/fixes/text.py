"""Text layout shared by the rewrites that build code as text (the loop phases, batch functions)."""
from __future__ import annotations

from typing import List


def reindent(code: str, extra: str) -> str:
    """Shift continuation lines right by ``extra``, unless a string literal spans lines."""
    if "\n" not in code or '"""' in code or "'''" in code or "\\\n" in code:
        return code
    return code.replace("\n", "\n" + extra)


def split_top_level(args: str) -> List[str]:
    """Split ``a, f(b, c), [d]`` at top-level commas."""
    parts, depth, current = [], 0, ""
    for ch in args:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += ch
    if current.strip():
        parts.append(current)
    return parts
