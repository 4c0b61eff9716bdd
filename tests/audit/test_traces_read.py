"""audit --traces readers: every format from a small export written from its documentation, and
malformed input (one line naming the record, exit 2, nothing guessed)."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from support.cli import cli
from support.paths import DEMO, DEMO_TRACES, TRACES

from llm_latency_lint.audit.traces.read import parse, read
from llm_latency_lint.audit.traces.spans import TraceError


def _one(name: str):
    traces = read([TRACES / name])
    assert len(traces.files) == 1
    return traces.files[0], traces.spans


def test_otlp_document_new_and_old_genai_attribute_names():
    summary, spans = _one("otlp-genai.json")
    assert (summary.format, summary.spans, summary.other) == ("otlp", 2, 1)  # the /health span is left out
    chat, claude = spans
    assert chat.start == datetime(2025, 11, 16, 2, 0, tzinfo=timezone.utc)
    assert (chat.provider, chat.model, chat.input_tokens, chat.output_tokens) == (
        "openai", "gpt-4o-mini-2024-07-18", 1200, 250)
    assert (chat.filepath, chat.lineno, chat.function) == (
        "/srv/app/deskapp/services/summarize.py", 14, "deskapp.services.summarize.summarize_thread")
    assert (claude.provider, claude.model, claude.input_tokens, claude.output_tokens) == (
        "anthropic", "claude-haiku-4-5", 3000, 400)  # gen_ai.system and the older prompt/completion names
    assert claude.filepath is None and claude.lineno is None


def test_otlp_json_lines_from_logfire_carry_the_calling_frame():
    summary, spans = _one("logfire-otlp.jsonl")
    assert summary.format == "otlp (logfire)" and summary.spans == 4
    assert {s.format for s in spans} == {"logfire"}
    assert [s.lineno for s in spans] == [19, 21, 19, 21]
    assert spans[0].filepath == "deskapp/services/replies.py" and spans[0].function == "draft_reply_for"
    assert spans[2].source == "logfire-otlp.jsonl: record 2 (line 2) resourceSpans[0].scopeSpans[0].spans[0]"


@pytest.mark.parametrize("name", ["logfire-records.json", "logfire-records.csv"])
def test_logfire_records_json_and_csv(name):
    summary, spans = _one(name)
    assert summary.format == "logfire" and summary.spans == 1
    (span,) = spans
    assert span.start == datetime(2025, 11, 16, 9, 0, 0, 123456, tzinfo=timezone.utc)
    assert (span.filepath, span.lineno, span.function, span.model) == (
        "deskapp/services/replies.py", 19, "draft_reply_for", "gpt-4o" if name.endswith("csv") else "gpt-4o-2024-08-06")
    assert (span.input_tokens, span.output_tokens) == (2100, 320)


def test_langfuse_api_page():
    summary, spans = _one("langfuse-observations.json")
    assert (summary.format, summary.spans, summary.other) == ("langfuse", 2, 1)
    stream, chat = spans
    assert (stream.name, stream.model, stream.provider) == ("assistant_chat_stream", "claude-sonnet-4-5-20250929", "anthropic")
    assert (stream.input_tokens, stream.output_tokens) == (2400, 610)  # usageDetails
    assert (chat.name, chat.provider, chat.input_tokens, chat.output_tokens) == ("assistant_chat", None, 1800, 200)  # usage
    assert chat.end is None


def test_langfuse_csv():
    summary, spans = _one("langfuse-observations.csv")
    assert (summary.format, summary.spans, summary.other) == ("langfuse", 1, 1)
    assert (spans[0].name, spans[0].input_tokens, spans[0].output_tokens) == ("assistant_chat_stream", 2400, 610)


@pytest.mark.parametrize("name", ["langsmith-runs.json", "langsmith-runs.csv"])
def test_langsmith_runs_json_and_csv(name):
    summary, spans = _one(name)
    assert (summary.format, summary.spans, summary.other) == ("langsmith", 1, 1)  # the chain run is left out
    (run,) = spans
    assert (run.name, run.provider, run.model) == ("team_section", "google", "gemini-2.5-flash")
    assert (run.input_tokens, run.output_tokens) == (1200, 240)
    assert run.start == datetime(2025, 11, 17, 7, 0, 4, 512000, tzinfo=timezone.utc)  # naive times are UTC


def test_demo_export_reads_in_every_format():
    traces = read(sorted(DEMO_TRACES.glob("*.*[!d]")))  # every export, not the README
    formats = {f.source: f.format for f in traces.files}
    assert formats == {"langfuse-observations.json": "langfuse", "langsmith-runs.csv": "langsmith",
                       "logfire-otlp.jsonl": "otlp (logfire)", "otel-genai.json": "otlp"}
    assert len(traces.spans) == 2130


# ---- malformed input --------------------------------------------------------------------------

def _error(text: str, name: str = "t.json") -> str:
    with pytest.raises(TraceError) as caught:
        parse(text, name)
    message = str(caught.value)
    assert "\n" not in message
    return message


OTLP_SPAN = {"resourceSpans": [{"scopeSpans": [{"spans": [{"name": "chat", "startTimeUnixNano": "1763258400000000000",
             "attributes": [{"key": "gen_ai.system", "value": {"stringValue": "openai"}},
                            {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "12"}}]}]}]}]}


def test_unknown_formats_name_what_is_supported():
    assert "unrecognised trace format" in _error('{"spans": []}')
    assert "supported: OTLP JSON" in _error('{"spans": []}')
    assert "unrecognised trace format (first record has a, b)" in _error("a,b\n1,2\n", "t.csv")
    assert "unrecognised" in _error("just some words\n", "t.txt")
    assert _error("   \n") == "t.json: empty file"


def test_broken_json_line_names_its_record():
    good = json.dumps(OTLP_SPAN)
    message = _error(f"{good}\n{good}\n{{\"resourceSpans\": [\n", "t.jsonl")
    assert message.startswith("t.jsonl: record 3 (line 3): invalid JSON")


def test_bad_token_count_names_record_and_attribute():
    bad = json.loads(json.dumps(OTLP_SPAN))
    bad["resourceSpans"][0]["scopeSpans"][0]["spans"][0]["attributes"][1]["value"] = {"stringValue": "lots"}
    message = _error(json.dumps(bad))
    assert message == ("t.json: record 1 resourceSpans[0].scopeSpans[0].spans[0]: gen_ai.usage.input_tokens is "
                       "'lots', not a token count")


def test_missing_start_time_and_bad_records():
    bad = json.loads(json.dumps(OTLP_SPAN))
    del bad["resourceSpans"][0]["scopeSpans"][0]["spans"][0]["startTimeUnixNano"]
    assert _error(json.dumps(bad)).endswith("spans[0]: no startTimeUnixNano")
    runs = [{"run_type": "llm", "start_time": "2025-11-17T07:00:00", "name": "a"},
            {"run_type": "llm", "start_time": "yesterday", "name": "b"}]
    assert _error(json.dumps(runs)) == "t.json: record 2: start_time 'yesterday' is not a time"
    observations = {"data": [{"traceId": "t", "type": "GENERATION", "startTime": "2025-11-17T07:00:00Z",
                              "usageDetails": {"input": -3}}]}
    assert _error(json.dumps(observations)) == "t.json: record 1: usageDetails.input is -3, not a token count"
    assert _error('[{"run_type": "llm", "start_time": "2025-11-17T07:00:00"}, 3]') == "t.json: record 2: not a JSON object"


def test_csv_row_with_extra_cells():
    text = "run_type,start_time,name\nllm,2025-11-17T07:00:00,a\nllm,2025-11-17T07:00:00,b,c\n"
    assert _error(text, "t.csv") == "t.csv: record 2 (line 3): more cells than the header has columns"


def test_cli_exits_2_with_one_line(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps(OTLP_SPAN) + "\nnot json\n")
    proc = cli("audit", str(DEMO), "--no-cache", "--traces", str(broken), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [
        "llm-latency-lint: traces: broken.jsonl: record 2 (line 2): invalid JSON: Expecting value at column 1"]
    proc = cli("audit", str(DEMO), "--no-cache", "--traces", str(broken), "--traces-sample-rate", "0", cwd=tmp_path)
    assert proc.returncode == 2 and "--traces-sample-rate 0: must be more than 0" in proc.stderr


def test_undecodable_and_missing_files(tmp_path: Path):
    binary = tmp_path / "t.json.gz"
    binary.write_bytes(b"\x1f\x8b\x08\x00\xff\xfe")
    with pytest.raises(TraceError, match="not UTF-8 text"):
        read([binary])
    with pytest.raises(TraceError, match="cannot read"):
        read([tmp_path / "missing.json"])


def test_langfuse_json_lines_and_langsmith_runs_page():
    lines = "\n".join(json.dumps({"traceId": f"t{i}", "type": "GENERATION", "name": "assistant_chat",
                                  "startTime": f"2025-11-18T02:0{i}:00Z", "model": "claude-sonnet-4-5",
                                  "usageDetails": {"input": 100 * i, "output": 10}}) for i in range(1, 4))
    fmt, spans, other = parse(lines + "\n", "o.jsonl")
    assert (fmt, len(spans), other) == ("langfuse", 3, 0)
    assert spans[2].source == "o.jsonl: record 3 (line 3)" and spans[2].input_tokens == 300
    page = {"runs": [{"run_type": "llm", "name": "headline", "start_time": 1763362800.5, "prompt_tokens": 9,
                      "completion_tokens": 3, "extra": {"invocation_params": {"model": "gemini-2.5-flash"}}}],
            "cursors": {"next": None}}
    fmt, spans, _ = parse(json.dumps(page), "runs.json")
    assert fmt == "langsmith" and spans[0].model == "gemini-2.5-flash"
    assert spans[0].start == datetime(2025, 11, 17, 7, 0, 0, 500000, tzinfo=timezone.utc)  # epoch seconds


def test_broken_json_document_says_where():
    assert _error('[{"run_type": "llm",\n "start_time": }]') == "t.json: invalid JSON: Expecting value at line 2 column 16"
