"""``audit`` as aligned text: every call site grouped by latency class, with its evidence."""
from __future__ import annotations

from typing import List

from ..engine import Result
from ..model import LatencyClass
from .convert import by_class

_ADVICE = {
    "scheduled": "migrate to batch now",
    "near-real-time": "audit: is minutes-to-hours fine?",
    "mixed": "split the path",
    "real-time": "must stay online",
    "unknown": "no evidence found",
}


def render(result: Result) -> str:
    lines: List[str] = []
    total = len(result.sites)
    counts = by_class(result)
    lines.append(f"LLM call sites: {total}")
    for cls in [c.value for c in LatencyClass]:
        sites = [s for s in result.sites if s.latency_class == cls]
        if not sites:
            continue
        lines.append("")
        lines.append(f"{cls} ({counts[cls]}, {_share(counts[cls], total)}) - {_ADVICE[cls]}")
        width = max(len(f"{s.resolved.facts.path}:{s.resolved.site.line}") for s in sites)
        for s in sites:
            rs = s.resolved
            where = f"{rs.facts.path}:{rs.site.line}".ljust(width)
            model = f" model={rs.site.model}" if rs.site.model else ""
            lines.append(f"  {where}  {rs.match.provider.id} {rs.match.operation}{model}")
            for step in s.evidence:
                lines.append(f"  {' ' * width}    <- {step.path}:{step.line}: {step.note}")
    eligible = counts.get("scheduled", 0)
    lines.append("")
    lines.append(f"Batch-eligible now: {eligible} of {total} call sites ({_share(eligible, total)}).")
    for error in result.errors:
        lines.append(f"error: {error.path}: {error.message}")
    return "\n".join(lines) + "\n"


def _share(part: int, total: int) -> str:
    return f"{(100 * part / total):.0f}%" if total else "0%"
