"""The HTML audit in real headless Chromium: chart and table rendered, sorting works, no console
output, code-derived text escaped. CI installs chromium (.ci/run), so these run there."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.browser import CHROMIUM, load, screenshot
from support.cli import cli
from test_audit_formats import HOSTILE_ROUTE

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (CI installs it via .ci/run)")


@pytest.fixture(scope="module")
def demo_html(tmp_path_factory, demo_app) -> Path:
    out = tmp_path_factory.mktemp("html") / "audit.html"
    proc = cli("audit", ".", "--format", "html", cwd=demo_app)
    assert proc.returncode == 0, proc.stderr
    out.write_text(proc.stdout, encoding="utf-8")
    return out


def _column(dom: str, index: int):
    body = dom.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [re.findall(r'data-v="([^"]*)"', r)[index] for r in rows]


def test_chart_and_table_render_after_scripts_with_a_clean_console(demo_html, tmp_path):
    page = load(demo_html, tmp_path / "profile")
    assert page.console == []
    assert re.search(r'<table id="sites"[^>]*data-ready="sortable"', page.dom)  # the script ran
    assert len(re.findall(r'<rect class="bar before"', page.dom)) == 5  # one per latency class
    assert len(re.findall(r'<rect class="bar after"', page.dom)) == 5
    after = re.search(r'<rect class="bar after" data-class="scheduled" data-value="([\d.]+)"', page.dom)
    assert after and float(after.group(1)) == 400.0
    assert len(_column(page.dom, 0)) == 15


def test_table_sorts_by_any_column(demo_html, tmp_path):
    spend = [float(v or 0) for v in _column(load(demo_html, tmp_path / "p1", "#sort=spend:desc").dom, 6)]
    assert spend == sorted(spend, reverse=True) and spend[0] == 900.0
    sites = _column(load(demo_html, tmp_path / "p2", "#sort=site:asc").dom, 0)
    assert sites == sorted(sites)
    assert _column(load(demo_html, tmp_path / "p1", "#sort=site:desc").dom, 0) == sites[::-1]


def test_screenshot(demo_html, tmp_path):
    png = tmp_path / "audit.png"
    assert screenshot(demo_html, png, tmp_path / "profile") == []
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_console_check_catches_errors(tmp_path):
    """The clean-console assertions above can fail: a page that errors is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><p>x</p><script>console.error('broken'); missing();</script>")
    console = load(bad, tmp_path / "profile").console
    assert any("broken" in c for c in console) and any("missing is not defined" in c for c in console)


def test_code_derived_text_is_escaped(tmp_path, run_cli):
    (tmp_path / "app.py").write_text(HOSTILE_ROUTE)
    html = tmp_path / "audit.html"
    html.write_text(run_cli(tmp_path, "audit", ".", "--format", "html")[1], encoding="utf-8")
    page = load(html, tmp_path / "profile")
    assert page.console == []
    assert "<img" not in page.dom and "<b>" not in page.dom
    assert "/x|y&lt;img src=x onerror=alert(1)&gt;" in page.dom


@pytest.fixture(scope="module")
def traces_html(tmp_path_factory, demo_app) -> Path:
    from support.paths import DEMO_TRACES

    exports = sorted(str(p) for p in DEMO_TRACES.iterdir() if p.suffix in (".json", ".jsonl", ".csv"))
    out = tmp_path_factory.mktemp("html") / "traffic.html"
    proc = cli("audit", ".", "--format", "html", "--traces", *exports, "--traces-sample-rate", "0.02", cwd=demo_app)
    assert proc.returncode == 0, proc.stderr
    out.write_text(proc.stdout, encoding="utf-8")
    return out


def test_traffic_section_renders_hour_of_week_charts_and_verdicts(traces_html, tmp_path):
    page = load(traces_html, tmp_path / "profile")
    assert page.console == []
    assert re.search(r'<table id="sites"[^>]*data-ready="sortable"', page.dom)  # the site table still works
    body = page.dom.split('<table id="traffic">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr data-verdict="(\w+)">(.*?)</tr>', body, re.S)
    assert len(rows) == 11
    (flagged,) = [r[1] for r in rows if r[0] == "contradicts"]
    assert "<code>deskapp/api.py:63</code>" in flagged and "REVIEW" in flagged
    assert sum(1 for r in rows if r[0] == "confirms") >= 7
    chart = re.search(r'<svg class="how"[^>]*data-site="deskapp/api.py:63".*?</svg>', body, re.S).group(0)
    hours = {int(h) % 24 for h in re.findall(r'<rect class="hour" data-hour="(\d+)"', chart)}
    assert hours == {2}  # all of the "real-time" chat's traffic at 02:00 UTC
    assert 'id="measured"' in page.dom and "have no human waiting" in page.dom


def test_traffic_screenshot(traces_html, tmp_path):
    png = tmp_path / "traffic.png"
    assert screenshot(traces_html, png, tmp_path / "profile", size="1280,3000") == []
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
