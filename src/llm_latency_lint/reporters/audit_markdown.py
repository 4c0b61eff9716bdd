"""``audit --format markdown``: the audit for a PR comment or a wiki page (GitHub-flavoured).

Every piece of text that comes from the scanned code (paths, notes, model names) is escaped,
so a ``|`` or ``<script>`` in a route name cannot break the table or inject HTML.
"""
from __future__ import annotations

import re
from typing import List, Sequence

from llm_latency_lint.audit.inventory import Audit
from llm_latency_lint.reporters.audit_common import (
    ADVICE,
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

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md(text: str) -> str:
    """Text safe inside a Markdown table cell or list item."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> List[str]:
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    return [f"| {' | '.join(r)} |" for r in [list(header), rule, *rows]]


def render(inv: Audit, color: bool = False) -> str:
    s = inv.savings
    priced = s.priced
    out: List[str] = ["## LLM call-site audit", "", md(headline(inv)) + ".", ""]
    measured = traffic_headline(inv)
    if measured:
        out += [f"**{md(measured)}**", ""]
    for line in savings_lines(inv):
        out += [md(line), ""]
    money_cols = ["before/month", "after/month"] if priced else []
    summary = [
        [cls, str(t.sites), share(t.sites, s.total_sites)] + ([usd(t.before), usd(t.after)] if priced else [])
        + [ADVICE[cls]]
        for cls, t in s.by_class.items()
    ]
    if priced:
        summary.append(["**total**", str(s.total_sites), "100%", f"**{usd(s.before)}**", f"**{usd(s.after)}**", ""])
    out.extend(_table(["class", "sites", "share", *money_cols, "what to do"], summary, right=(1, 2, 3, 4)))
    for cls, rows in rows_by_class(inv).items():
        out += ["", f"### {cls} ({len(rows)}): {ADVICE[cls]}", ""]
        cells = [
            [f"{md(r.path)}:{r.line}", md(r.provider), md(r.operation), md(r.model or ""), md(when(r))]
            + ([usd(r.spend), usd(r.saving) if r.eligible else ""] if priced else [])
            for r in rows
        ]
        header = ["call site", "provider", "operation", "model", "trigger"] + (["$/month", "saves"] if priced else [])
        out.extend(_table(header, cells, right=(5, 6)))
        with_evidence = [r for r in rows if r.site.evidence]
        if with_evidence:
            out += ["", "<details><summary>evidence</summary>", ""]
            for r in with_evidence:
                out.append(f"- {md(r.path)}:{r.line}")
                out.extend(f"  - {md(e.path)}:{e.line}: {md(e.note)}" for e in r.site.evidence)
            out += ["", "</details>"]
    if inv.traffic is not None:
        out += ["", "### Traffic (from traces)", ""]
        out.extend(f"- {md(line)}" for line in traffic_lines(inv))
        rows = traffic_rows(inv)
        if rows:
            out.append("")
            out.extend(_table(TRAFFIC_HEADER, [[md(c) for c in traffic_cells(r)] for r in rows], right=(3, 4, 5, 6)))
        unjoined = unjoined_lines(inv)
        if unjoined:
            out += ["", "**Joined no call site**", ""]
            out.extend(f"- {md(u)}" for u in unjoined)
    out += ["", "**Batch discounts**", ""]
    out.extend(f"- {md(line)}" for line in discount_lines(inv))
    if s.assumptions:
        out += ["", "**Assumptions**", ""]
        out.extend(f"- {md(a)}" for a in s.assumptions)
    if inv.result.errors:
        out += ["", "**Files that could not be read**", ""]
        out.extend(f"- {md(e.path)}: {md(e.message)}" for e in inv.result.errors)
    return "\n".join(out) + "\n"
