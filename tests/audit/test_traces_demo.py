"""Done-when for audit --traces: the synthetic two-week export of the demo app gives per-site spend
from tokens x price, the share with no human waiting measured from traffic, and the mislabelled
site flagged, in every format (JSON fields only added)."""
from __future__ import annotations

import importlib.util
import json

import pytest
from support.cli import cli
from support.paths import DEMO_TRACES

from llm_latency_lint.audit.inventory import build
from llm_latency_lint.audit.traces.join import FUNCTION, LOCATION, MODEL, MOVED
from llm_latency_lint.audit.traces.prices import PriceBook
from llm_latency_lint.audit.traces.read import read
from llm_latency_lint.config import TokenPrice, find_pyproject, load
from llm_latency_lint.engine import run
from llm_latency_lint.reporters import AUDIT_FORMATS
from llm_latency_lint.reporters.schema import AuditOut

EXPORTS = sorted(p for p in DEMO_TRACES.iterdir() if p.suffix in (".json", ".jsonl", ".csv"))
GENAI = importlib.util.find_spec("genai_prices") is not None
RATE = 0.02  # the demo export is 1-in-50 sampled
# USD per million tokens: fixed here so the arithmetic is checked without the genai-prices table.
PRICES = {
    "gpt-4o-mini": TokenPrice(input=0.15, output=0.6), "gpt-4o": TokenPrice(input=2.5, output=10),
    "gpt-4.1-mini": TokenPrice(input=0.4, output=1.6), "text-embedding-3-small": TokenPrice(input=0.02),
    "claude-sonnet-4-5": TokenPrice(input=3, output=15), "claude-haiku-4-5": TokenPrice(input=1, output=5),
    "gemini-2.5-flash": TokenPrice(input=0.3, output=2.5),
}


@pytest.fixture(scope="module")
def demo(demo_app):
    config = load(find_pyproject(demo_app))
    traces = read(EXPORTS, RATE)
    audit = build(run([demo_app], config), config, traces=traces, book=PriceBook(PRICES, use_genai=False))
    return audit, traces


def _row(audit, path, line):
    return next(r for r in audit.rows if (r.path, r.line) == (path, line))


def test_spend_per_site_is_tokens_times_price(demo):
    audit, traces = demo
    summary = audit.traffic
    row = _row(audit, "deskapp/services/summarize.py", 14)
    mine = [s for s in traces.spans if s.filepath == "deskapp/services/summarize.py"]
    tokens_in, tokens_out = sum(s.input_tokens for s in mine), sum(s.output_tokens for s in mine)
    expected = (tokens_in * 0.15 + tokens_out * 0.6) / 1e6 * summary.factor
    assert row.spend == pytest.approx(expected)
    assert row.batch_spend == pytest.approx(expected / 2)
    assert row.saving == pytest.approx(expected / 2)  # measured: standard less batch price
    assert summary.factor == pytest.approx(30 / summary.window.days / RATE)
    assert audit.savings.source == "traces"
    assert audit.savings.before == pytest.approx(sum(r.spend or 0 for r in audit.rows))


def test_every_join_mode_is_used_and_reported_per_site(demo):
    audit, _ = demo
    modes = {(r.path, r.line): r.traffic.joined_by for r in audit.rows if r.traffic}
    assert modes[("deskapp/services/summarize.py", 14)] == {LOCATION: 280, MOVED: 280}  # moved two lines in week 2
    assert modes[("deskapp/api.py", 63)] == {FUNCTION: 280}  # Langfuse observation name
    assert modes[("deskapp/services/digest.py", 37)] == {FUNCTION: 24}  # LangSmith run name
    assert modes[("deskapp/reports/sla.py", 37)] == {MODEL: 42}  # plain OTel GenAI spans
    (unjoined,) = audit.traffic.unjoined
    assert unjoined.count == 30 and unjoined.reason == "no call site names model openai gpt-4.1-2025-04-14"


def test_traffic_confirms_classes_and_flags_the_mislabelled_site(demo):
    audit, _ = demo
    verdicts = {(r.path, r.line): (r.traffic.profile.pattern, r.traffic.verdict.verdict) for r in audit.rows if r.traffic}
    assert verdicts[("deskapp/services/summarize.py", 14)] == ("bursts", "confirms")
    assert verdicts[("deskapp/reports/sla.py", 37)] == ("bursts", "confirms")
    assert verdicts[("scripts/backfill_embeddings.py", 38)] == ("bursts", "confirms")
    assert verdicts[("deskapp/services/digest.py", 37)] == ("bursts", "confirms")
    assert verdicts[("deskapp/api.py", 74)] == ("diurnal", "confirms")
    assert verdicts[("deskapp/services/triage.py", 14)][1] == "confirms"  # mixed: nightly window + daytime
    assert verdicts[("deskapp/api.py", 63)] == ("bursts", "contradicts")
    assert [(audit.rows[i].path, audit.rows[i].line) for i in audit.traffic.flagged] == [("deskapp/api.py", 63)]
    assert _row(audit, "deskapp/services/summarize.py", 14).traffic.verdict.schedule == "daily 02:00"


def test_share_with_no_human_waiting_is_measured(demo):
    audit, _ = demo
    t = audit.traffic
    nobody = sum(r.traffic.no_human for r in audit.rows if r.traffic)
    assert t.no_human == nobody and t.requests == 2100
    # every request at the nightly/weekly/queued sites, the 02:00 "chat" and the triage night window
    assert 0.6 < t.no_human_request_share < 0.8
    assert 0 < t.no_human_spend_share < t.no_human_request_share  # daytime chat is the expensive part


@pytest.fixture(scope="module")
def outputs(demo_app):
    args = ["audit", ".", "--traces", *map(str, EXPORTS), "--traces-sample-rate", str(RATE)]
    out = {}
    for fmt in AUDIT_FORMATS:
        proc = cli(*args, "--format", fmt, cwd=demo_app)
        assert proc.returncode == 0, proc.stderr
        out[fmt] = proc.stdout
    return out


def test_every_format_states_the_price_data_and_the_verdicts(outputs):
    for fmt, text in outputs.items():
        assert "genai-prices" in text, fmt
        assert "have no human waiting" in text or fmt == "json", fmt
        assert "deskapp/api.py:63" in text, fmt
    assert "REVIEW deskapp/api.py:63 (real-time in code)" in outputs["text"]
    assert "### Traffic (from traces)" in outputs["markdown"]
    assert outputs["html"].count('<svg class="how"') == 11


def test_json_adds_traffic_fields_and_keeps_version_1(outputs):
    data = json.loads(outputs["json"])
    AuditOut.model_validate(data)
    assert data["version"] == 1
    traffic = data["summary"]["traffic"]
    assert traffic["flagged_sites"] == ["deskapp/api.py:63"]
    assert traffic["sample_rate"] == RATE and traffic["traced_requests"] == 2130
    assert 0.6 < traffic["no_human_request_share"] < 0.8
    site = next(s for s in data["call_sites"] if (s["path"], s["line"]) == ("deskapp/api.py", 63))
    assert site["traffic"]["verdict"] == "contradicts" and site["traffic"]["flagged"] is True
    assert len(site["traffic"]["hour_of_week"]) == 168 and sum(site["traffic"]["hour_of_week"]) == 280
    if GENAI:  # priced by the CLI only with genai-prices (the demo config names no token prices)
        assert data["summary"]["savings"]["spend_source"] == "traces"
        assert traffic["price_data"].startswith("genai-prices")
    else:
        assert traffic["price_data"].startswith("genai-prices not installed")
        assert traffic["unpriced"]  # every model listed, none guessed


def test_without_traces_the_json_has_no_traffic_fields(demo_app):
    data = json.loads(cli("audit", ".", "--format", "json", cwd=demo_app).stdout)
    assert "traffic" not in data["summary"] and all("traffic" not in s for s in data["call_sites"])
