"""LangSmith runs: ``Client.list_runs()`` / ``POST /api/v1/runs/query`` results (a list, or a page
``{"runs": [...]}``), JSON lines of them, or a CSV of the same fields. Only ``run_type == "llm"``
runs are LLM requests; chains, tools and retrievers are counted and left out.

Read per run: ``name`` (with ``@traceable``, the decorated function's name; ``ChatOpenAI`` for a
LangChain model), ``start_time`` / ``end_time``, ``prompt_tokens`` / ``completion_tokens``, the
provider from ``extra.metadata.ls_provider`` and the model from ``extra.metadata.ls_model_name``,
else ``extra.invocation_params.model`` (CSV: columns of those names, or an ``extra`` column of
JSON text).
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

FORMAT = "langsmith"


def looks_like(record: Mapping[str, Any]) -> bool:
    return "run_type" in record and "start_time" in record


def read(records: List[Record]) -> Tuple[List[Span], int]:
    out: List[Span] = []
    other = 0
    for record, where in records:
        kind = get(record, "run_type")
        if kind is None:
            raise TraceError(f"{where}: no run_type (a LangSmith run has llm, chain, tool, ...)")
        if str(kind).lower() != "llm":
            other += 1
            continue
        end_raw = get(record, "end_time")
        out.append(Span(
            start=timestamp(get(record, "start_time"), where, "start_time"),
            end=timestamp(end_raw, where, "end_time") if end_raw else None,
            source=where,
            format=FORMAT,
            provider=provider_id(get(record, "extra.metadata.ls_provider", "metadata.ls_provider", "ls_provider")),
            model=get(record, "extra.metadata.ls_model_name", "metadata.ls_model_name", "ls_model_name",
                      "extra.invocation_params.model", "extra.invocation_params.model_name", "model"),
            input_tokens=tokens(get(record, "prompt_tokens"), where, "prompt_tokens"),
            output_tokens=tokens(get(record, "completion_tokens"), where, "completion_tokens"),
            name=get(record, "name"),
        ))
    return out, other
