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

from llm_latency_lint.audit.traces.columns import Columns, read_columns
from llm_latency_lint.audit.traces.records import Record
from llm_latency_lint.audit.traces.spans import Span

FORMAT = "langfuse"

COLUMNS = Columns(
    format=FORMAT,
    kind="type",
    llm_kind="generation",
    kinds_hint="a Langfuse observation has GENERATION, SPAN or EVENT",
    start=("startTime", "start_time"),
    end=("endTime", "end_time"),
    provider=("metadata.ls_provider", "metadata.gen_ai.system", "metadata.provider", "provider"),
    model=("model", "providedModelName"),
    input_tokens=("usageDetails.input", "usage_details.input", "usage.input", "promptTokens", "prompt_tokens",
                  "input_tokens", "inputUsage"),
    output_tokens=("usageDetails.output", "usage_details.output", "usage.output", "completionTokens",
                   "completion_tokens", "output_tokens", "outputUsage"),
)


def looks_like(record: Mapping[str, Any]) -> bool:
    keys = set(record)
    return bool(keys & {"startTime", "start_time"}) and bool(keys & {"traceId", "trace_id"}) and "type" in keys


def read(records: List[Record]) -> Tuple[List[Span], int]:
    return read_columns(records, COLUMNS)
