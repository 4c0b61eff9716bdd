"""Langfuse observations: the public API (``GET /api/public/observations``, a page ``{"data":
[...], "meta": {...}}``; v2 ``/api/public/v2/observations`` likewise) and the UI's JSON/CSV export
of the observations table. Only ``type == "GENERATION"`` observations are LLM requests; spans
and events are counted and left out.

Read per observation: ``name`` (with the ``@observe`` decorator, the decorated function's name),
``startTime`` / ``endTime``, ``model``, tokens from ``usageDetails.input`` / ``.output``, else
the older ``usage.input`` / ``.output`` or ``promptTokens`` / ``completionTokens``. Langfuse
records no provider unless the instrumentation put one in ``metadata`` (``ls_provider``,
``gen_ai.system``, ``provider``); without it the span joins and prices on the model alone.
"""
from __future__ import annotations

from typing import Any, List, Mapping, Tuple

from llm_latency_lint.audit.traces.records import Record, get
from llm_latency_lint.audit.traces.spans import (
    Span,
    TraceError,
    provider_id,
    timestamp,
    tokens,
)

FORMAT = "langfuse"


def looks_like(record: Mapping[str, Any]) -> bool:
    keys = set(record)
    return bool(keys & {"startTime", "start_time"}) and bool(keys & {"traceId", "trace_id"}) and "type" in keys


def read(records: List[Record]) -> Tuple[List[Span], int]:
    out: List[Span] = []
    other = 0
    for record, where in records:
        kind = get(record, "type")
        if kind is None:
            raise TraceError(f"{where}: no type (a Langfuse observation has GENERATION, SPAN or EVENT)")
        if str(kind).upper() != "GENERATION":
            other += 1
            continue
        start = timestamp(get(record, "startTime", "start_time"), where, "startTime")
        end_raw = get(record, "endTime", "end_time")
        usage_in = get(record, "usageDetails.input", "usage_details.input", "usage.input", "promptTokens",
                       "prompt_tokens", "input_tokens", "inputUsage")
        usage_out = get(record, "usageDetails.output", "usage_details.output", "usage.output", "completionTokens",
                        "completion_tokens", "output_tokens", "outputUsage")
        out.append(Span(
            start=start,
            end=timestamp(end_raw, where, "endTime") if end_raw else None,
            source=where,
            format=FORMAT,
            provider=provider_id(get(record, "metadata.ls_provider", "metadata.gen_ai.system", "metadata.provider",
                                     "provider")),
            model=get(record, "model", "providedModelName"),
            input_tokens=tokens(usage_in, where, "usageDetails.input"),
            output_tokens=tokens(usage_out, where, "usageDetails.output"),
            name=get(record, "name"),
        ))
    return out, other
