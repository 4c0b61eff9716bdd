"""``audit --format html``: one self-contained page (inline CSS, JS and SVG; no network).

A bar chart of monthly spend by latency class before and after moving the eligible sites to
batch (call-site counts when no spend was given), and the per-site table, sortable by any
column (click a heading, or open the page with ``#sort=<column>:asc|desc``). A Content
Security Policy forbids every fetch, so the page cannot reach the network even by mistake.
All text from the scanned code is HTML-escaped.
"""
from __future__ import annotations

from html import escape
from typing import List, Optional, Sequence, Tuple

from llm_latency_lint.audit.inventory import Audit, Row
from llm_latency_lint.reporters.audit_common import (
    ADVICE,
    VERDICT_MARK,
    count,
    discount_lines,
    headline,
    joined_by,
    savings_lines,
    traffic_headline,
    traffic_lines,
    traffic_rows,
    unjoined_lines,
    usd,
    when,
)

COLOURS = {
    "real-time": "#2b7bb9", "near-real-time": "#d98b00", "scheduled": "#2e9e5b", "mixed": "#a347ba",
    "unknown": "#8a8f98",
}
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

STYLE = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1200px;color:#1d2330;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:2rem 0 .5rem}
.lead p{margin:.25rem 0}.muted{color:#5c6370}
svg text{font:12px system-ui,sans-serif;fill:#1d2330}
table{border-collapse:collapse;width:100%}th,td{padding:.35rem .5rem;border-bottom:1px solid #e3e6ea;text-align:left;vertical-align:top}
th{cursor:pointer;user-select:none;background:#f5f6f8;position:sticky;top:0}th[aria-sort=ascending]::after{content:" \\25B2"}
th[aria-sort=descending]::after{content:" \\25BC"}td.num,th.num{text-align:right;white-space:nowrap}
.cls{display:inline-block;padding:0 .45rem;border-radius:.6rem;color:#fff;font-size:12px;white-space:nowrap}
details summary{cursor:pointer;color:#5c6370}details ol{margin:.25rem 0 0;padding-left:1.2rem}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
.verdict-contradicts{color:#b3261e;font-weight:600}.verdict-confirms{color:#2e7d32}
.measured{font-weight:600}svg.how{display:block}#traffic td:last-child{min-width:11rem}#traffic th{white-space:normal}#traffic td:nth-child(3){max-width:7rem}#traffic td:first-child{white-space:nowrap}
"""

SCRIPT = """
(function () {
  var table = document.getElementById("sites");
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function sort(index, dir) {
    var numeric = heads[index].classList.contains("num");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[index].getAttribute("data-v"), y = b.cells[index].getAttribute("data-v");
      var c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
      return dir === "asc" ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    heads.forEach(function (h, i) {
      if (i === index) { h.setAttribute("aria-sort", dir === "asc" ? "ascending" : "descending"); }
      else { h.removeAttribute("aria-sort"); }
    });
  }
  heads.forEach(function (h, i) {
    h.addEventListener("click", function () {
      sort(i, h.getAttribute("aria-sort") === "ascending" ? "desc" : "asc");
    });
  });
  var m = /sort=([\\w-]+)(?::(asc|desc))?/.exec(window.location.hash);
  if (m) {
    var at = heads.findIndex(function (h) { return h.getAttribute("data-key") === m[1]; });
    if (at >= 0) { sort(at, m[2] || "asc"); }
  }
  table.setAttribute("data-ready", "sortable");
})();
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _dollars(value: float) -> str:
    return f"${value:,.0f}"  # whole dollars fit above a bar


def _count(value: float) -> str:
    return f"{value:g}"


def chart(inv: Audit) -> str:
    """Grouped bars per latency class: spend before and after (or site counts, unpriced)."""
    s = inv.savings
    classes = list(s.by_class)
    series: List[Tuple[str, List[float]]]
    if s.priced:
        series = [("before", [t.before for t in s.by_class.values()]), ("after", [t.after for t in s.by_class.values()])]
        label = _dollars
        title = "Monthly spend by latency class, before and after moving the eligible sites to batch"
    else:
        series = [("sites", [float(t.sites) for t in s.by_class.values()])]
        label = _count
        title = "Call sites by latency class (no spend data given)"
    top = max([v for _, values in series for v in values] + [1.0])
    width, height, pad, base = 760, 300, 40, 250
    group = (width - 2 * pad) / max(len(classes), 1)
    bar = min(60.0, group / (len(series) + 1))
    parts = [
        f'<svg id="spend-chart" role="img" aria-label="{_e(title)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" style="max-width:100%" xmlns="http://www.w3.org/2000/svg"><title>{_e(title)}</title>',
        f'<line x1="{pad}" y1="{base}" x2="{width - pad}" y2="{base}" stroke="#c5cad3"/>',
    ]
    for i, cls in enumerate(classes):
        x0 = pad + i * group + (group - bar * len(series)) / 2
        for j, (name, values) in enumerate(series):
            value = values[i]
            h = (base - 30) * value / top
            x, y = x0 + j * bar, base - h
            opacity = "0.45" if name == "after" else "1"
            parts.append(
                f'<rect class="bar {name}" data-class="{_e(cls)}" data-value="{value:.2f}" x="{x:.1f}" y="{y:.1f}" '
                f'width="{bar - 4:.1f}" height="{h:.1f}" fill="{COLOURS[cls]}" fill-opacity="{opacity}">'
                f"<title>{_e(cls)} {name}: {_e(label(value))}</title></rect>"
            )
            parts.append(f'<text x="{x + (bar - 4) / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{_e(label(value))}</text>')
        parts.append(f'<text x="{x0 + bar * len(series) / 2:.1f}" y="{base + 18}" text-anchor="middle">{_e(cls)}</text>')
    if len(series) > 1:
        parts.append(f'<text x="{pad}" y="{height - 8}">solid: before, light: after</text>')
    parts.append("</svg>")
    return "".join(parts)


def hour_chart(r: Row, tz: str = "UTC") -> str:
    """The site's hour-of-week profile: 168 bars (Monday 00:00 first, in ``tz``), a band per day."""
    t = r.traffic
    assert t is not None
    width, height, bar = 252, 40, 1.5
    top = max(t.hours + [1])
    colour = COLOURS[r.latency_class]
    label = f"{r.path}:{r.line} requests by hour of week ({tz}): {t.profile.text}"
    parts = [f'<svg class="how" role="img" aria-label="{_e(label)}" data-site="{_e(r.path)}:{r.line}" '
             f'viewBox="0 0 {width} {height + 12}" width="{width}" height="{height + 12}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{_e(label)}</title>']
    for day in range(7):
        shade = "#f5f6f8" if day % 2 == 0 else "#ffffff"
        parts.append(f'<rect x="{day * 24 * bar:g}" y="0" width="{24 * bar:g}" height="{height}" fill="{shade}"/>')
        parts.append(f'<text x="{day * 24 * bar + 2:g}" y="{height + 10}" style="font-size:9px">'
                     f'{("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[day]}</text>')
    for hour, value in enumerate(t.hours):
        if value:
            h = max(1.0, (height - 2) * value / top)
            parts.append(f'<rect class="hour" data-hour="{hour}" data-value="{value}" x="{hour * bar:g}" '
                         f'y="{height - h:.1f}" width="{bar}" height="{h:.1f}" fill="{colour}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _traffic_row(r: Row, tz: str) -> str:
    t = r.traffic
    assert t is not None
    v = t.verdict
    cells = [
        _cell(f"<code>{_e(r.path)}:{r.line}</code>", f"{r.path}:{r.line:06d}"),
        _cell(f'<span class="cls" style="background:{COLOURS[r.latency_class]}">{_e(r.latency_class)}</span>',
              r.latency_class),
        _cell(_e(joined_by(r)), joined_by(r)),
        _cell(f'{_e(count(t.monthly(t.requests)))}<div class="muted">'
              f'{_e(count(t.monthly(t.input_tokens + t.output_tokens)))} tokens</div>',
              f"{t.monthly(t.requests):.1f}", num=True),
        _cell(_e(usd(t.monthly(t.spend))), "" if t.spend is None else f"{t.monthly(t.spend):.2f}", num=True),
        _cell(_e(usd(t.monthly(t.batch_spend))), "" if t.batch_spend is None else f"{t.monthly(t.batch_spend):.2f}",
              num=True),
        _cell(hour_chart(r, tz), t.profile.pattern),
        _cell(f'<span class="verdict-{_e(v.verdict)}">{_e(VERDICT_MARK[v.verdict])}</span> {_e(v.text)}'
              f'<div class="muted">{_e(t.profile.text)}</div>', v.verdict),
    ]
    return f'<tr data-verdict="{_e(v.verdict)}">{"".join(cells)}</tr>'


def traffic_section(inv: Audit) -> str:
    if inv.traffic is None:
        return ""
    heads = ["call site", "class", "joined by", "requests /month", "$/month", "batch $/month",
             f"hour of week ({inv.traffic.tz})", "traffic vs code"]
    thead = "".join(f"<th>{_e(h)}</th>" for h in heads)
    unjoined = unjoined_lines(inv)
    return (
        '<h2>Traffic (from traces)</h2>'
        + _list(traffic_lines(inv))
        + f'<table id="traffic"><thead><tr>{thead}</tr></thead><tbody>'
        + "".join(_traffic_row(r, inv.traffic.tz) for r in traffic_rows(inv))
        + "</tbody></table>"
        + ("<h3>Joined no call site</h3>" + _list(unjoined) if unjoined else "")
    )


def _cell(text: str, value: Optional[object] = None, num: bool = False) -> str:
    v = text if value is None else value
    return f'<td{" class=num" if num else ""} data-v="{_e(v)}">{text}</td>'


def _row(r: Row, priced: bool) -> str:
    chain = "".join(f"<li><code>{_e(e.path)}:{e.line}</code> {_e(e.note)}</li>" for e in r.site.evidence)
    evidence = f"<details><summary>{len(r.site.evidence)} step(s)</summary><ol>{chain}</ol></details>" if chain else ""
    cells = [
        _cell(f"<code>{_e(r.path)}:{r.line}</code>", f"{r.path}:{r.line:06d}"),
        _cell(f'<span class="cls" style="background:{COLOURS[r.latency_class]}">{_e(r.latency_class)}</span>',
              r.latency_class),
        _cell(_e(r.provider), r.provider),
        _cell(f"<code>{_e(r.operation)}</code>", r.operation),
        _cell(_e(r.model or ""), r.model or ""),
        _cell(_e(when(r)), when(r)),
    ]
    if priced:
        cells.append(_cell(_e(usd(r.spend)), "" if r.spend is None else f"{r.spend:.2f}", num=True))
        cells.append(_cell(_e(usd(r.saving) if r.eligible else ""), f"{r.saving:.2f}", num=True))
    cells.append(_cell(evidence, len(r.site.evidence)))
    return f"<tr>{''.join(cells)}</tr>"


def _list(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>"


def _measured(inv: Audit) -> str:
    line = traffic_headline(inv)
    return f'<p class="measured" id="measured">{_e(line)}</p>' if line else ""


def render(inv: Audit, color: bool = False) -> str:
    priced = inv.savings.priced
    heads = [("site", "call site", False), ("class", "class", False), ("provider", "provider", False),
             ("operation", "operation", False), ("model", "model", False), ("trigger", "trigger", False)]
    if priced:
        heads += [("spend", "$/month", True), ("saves", "saves/month", True)]
    heads.append(("evidence", "evidence", False))
    thead = "".join(f'<th data-key="{k}"{" class=num" if num else ""}>{_e(t)}</th>' for k, t, num in heads)
    legend = "".join(
        f'<li><span class="cls" style="background:{COLOURS[c]}">{_e(c)}</span> {t.sites} site(s): {_e(ADVICE[c])}</li>'
        for c, t in inv.savings.by_class.items()
    )
    errors = "".join(f"<li><code>{_e(e.path)}</code>: {_e(e.message)}</li>" for e in inv.result.errors)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LLM call-site audit</title><style>{STYLE}</style></head>
<body>
<h1>LLM call-site audit</h1>
<div class="lead"><p>{_e(headline(inv))}</p>{_measured(inv)}{''.join(f'<p>{_e(line)}</p>' for line in savings_lines(inv))}</div>
<h2>Spend by latency class</h2>
{chart(inv)}
<ul class="muted">{legend}</ul>
<h2>Call sites</h2>
<table id="sites"><thead><tr>{thead}</tr></thead><tbody>
{''.join(_row(r, priced) for r in inv.rows)}
</tbody></table>
{traffic_section(inv)}
<h2>Batch discounts</h2>{_list(discount_lines(inv))}
{'<h2>Assumptions</h2>' + _list(inv.savings.assumptions) if inv.savings.assumptions else ''}
{'<h2>Files that could not be read</h2><ul>' + errors + '</ul>' if errors else ''}
<script>{SCRIPT}</script>
</body></html>
"""
