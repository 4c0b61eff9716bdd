"""Ruff-like text: ``path:line:col: CODE message``, evidence indented under it, a summary."""
from __future__ import annotations

from collections import Counter
from typing import List

from llm_latency_lint.files.locations import here
from llm_latency_lint.files.notebook import where  # notebooks: "cell 3:12:5"
from llm_latency_lint.result import Result


def render(result: Result) -> str:
    lines: List[str] = []
    place = here(result.root)  # relative to the current directory, absolute outside it (as Ruff)
    for f in result.findings:
        lines.append(f"{place(f.path)}:{where(result.texts, f.path, f.line, f.col)}: {f.code} {f.message}")
        for step in f.evidence:
            lines.append(f"    {place(step.path)}:{where(result.texts, step.path, step.line)}: {step.note}")
    for error in result.errors:
        lines.append(f"{place(error.path)}: error: {error.message}")
    counts = Counter(f.code for f in result.findings)
    if counts:
        detail = ", ".join(f"{code}: {n}" for code, n in sorted(counts.items()))
        lines.append(f"Found {len(result.findings)} finding{'s' if len(result.findings) != 1 else ''} ({detail}).")
    else:
        lines.append("No findings.")
    if result.errors:
        lines.append(f"{len(result.errors)} file{'s' if len(result.errors) != 1 else ''} could not be checked.")
    return "\n".join(lines) + "\n"
