"""``audit`` as aligned text: call sites grouped by latency class with evidence, then the money.

Colour (class headings, totals) only when asked for, which the CLI does on a terminal.
"""
from __future__ import annotations

from typing import List, Sequence

from llm_latency_lint.audit.inventory import Audit
from llm_latency_lint.files.notebook import where  # notebooks: "cell 3:12"
from llm_latency_lint.reporters.audit_common import (
    ADVICE,
    CLASSES,
    TRAFFIC_HEADER,
    discount_lines,
    headline,
    rows_by_class,
    savings_lines,
    share,
    traffic_cells,
    traffic_headline,
    traffic_lines,
    traffic_rows,
    unjoined_lines,
    usd,
    when,
)

_COLOURS = {"scheduled": "32", "near-real-time": "33", "mixed": "35", "real-time": "36", "unknown": "90"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


def table(rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> List[str]:
    """Rows padded to aligned columns (columns in ``right`` right-aligned), trailing blanks trimmed."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.rjust(w) if i in right else cell.ljust(w) for i, (cell, w) in enumerate(zip(r, widths))).rstrip()
        for r in rows
    ]


def render(inv: Audit, color: bool = False) -> str:
    priced = inv.savings.priced
    total = inv.savings.total_sites
    lines: List[str] = [_paint(headline(inv), "1", color)]
    measured = traffic_headline(inv)
    if measured:
        lines.append(_paint(measured, "1", color))
    for cls, rows in rows_by_class(inv).items():
        lines.append("")
        lines.append(_paint(f"{cls} ({len(rows)}, {share(len(rows), total)}) - {ADVICE[cls]}", _COLOURS[cls], color))
        cells = [
            [f"{r.path}:{where(inv.result.texts, r.path, r.line)}", f"{r.provider} {r.operation}", r.model or "-", when(r) or "-"]
            + ([usd(r.spend) if r.spend is not None else "-", usd(r.saving) if r.eligible else ""] if priced else [])
            for r in rows
        ]
        for row, text in zip(rows, table(cells, right=(4, 5))):
            lines.append(f"  {text}")
            for step in row.site.evidence:
                lines.append(f"      <- {step.path}:{where(inv.result.texts, step.path, step.line)}: {step.note}")
    if inv.traffic is not None:
        lines += ["", _paint("Traffic (from traces)", "1", color)]
        lines.extend(f"  {t}" for t in traffic_lines(inv))
        rows = traffic_rows(inv)
        if rows:
            lines.extend(f"  {t}" for t in table([TRAFFIC_HEADER, *(traffic_cells(r) for r in rows)], right=(3, 4, 5, 6)))
        unjoined = unjoined_lines(inv)
        if unjoined:
            lines.append("  Joined no call site:")
            lines.extend(f"    - {u}" for u in unjoined)
    lines.append("")
    lines.append(_paint("Savings", "1", color))
    if priced:
        s = inv.savings
        money = [["class", "sites", "before/month", "after/month"]]
        money += [[c, str(t.sites), usd(t.before), usd(t.after)] for c, t in s.by_class.items() if c in CLASSES]
        money.append(["total", str(s.total_sites), usd(s.before), usd(s.after)])
        lines.extend(f"  {t}" for t in table(money, right=(1, 2, 3)))
    lines.extend(f"  {t}" for t in savings_lines(inv))
    lines.append("Batch discounts:")
    lines.extend(f"  {t}" for t in discount_lines(inv))
    if inv.savings.assumptions:
        lines.append("Assumptions:")
        lines.extend(f"  - {a}" for a in inv.savings.assumptions)
    for error in inv.result.errors:
        lines.append(f"error: {error.path}: {error.message}")
    return "\n".join(lines) + "\n"
