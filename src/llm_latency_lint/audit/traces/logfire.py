"""Pydantic Logfire records: rows of Logfire's ``records`` table as its query API or the Explore
view exports them (JSON rows or CSV): ``start_timestamp``, ``end_timestamp``, ``span_name``, and
``attributes`` (a JSON object) holding the same GenAI and ``code.*`` attributes Logfire sends
over OTLP (``gen_ai.system``, ``gen_ai.request.model``, ``gen_ai.usage.input_tokens``,
``code.filepath``, ``code.lineno``, ``code.function``). Logfire exported through an
OpenTelemetry Collector is read by the OTLP reader instead. Rows without GenAI attributes (the
surrounding request spans, logs) are counted and left out.
"""
from __future__ import annotations

from typing import Any, List, Mapping, Tuple

from llm_latency_lint.audit.traces.otlp import from_attributes, is_genai
from llm_latency_lint.audit.traces.records import Record, get
from llm_latency_lint.audit.traces.spans import Span, TraceError, timestamp

FORMAT = "logfire"


def looks_like(record: Mapping[str, Any]) -> bool:
    return "start_timestamp" in record and "attributes" in record


def read(records: List[Record]) -> Tuple[List[Span], int]:
    out: List[Span] = []
    other = 0
    for record, where in records:
        attrs = record.get("attributes")
        if attrs is None:
            attrs = {}
        if not isinstance(attrs, dict):
            raise TraceError(f"{where}: attributes is not a JSON object")
        if not is_genai(attrs):
            other += 1
            continue
        end_raw = get(record, "end_timestamp")
        out.append(from_attributes(
            attrs,
            timestamp(get(record, "start_timestamp"), where, "start_timestamp"),
            timestamp(end_raw, where, "end_timestamp") if end_raw else None,
            get(record, "span_name"),
            where,
            FORMAT,
        ))
    return out, other
