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

from llm_latency_lint.audit.traces.columns import Columns, read_columns
from llm_latency_lint.audit.traces.records import Record
from llm_latency_lint.audit.traces.spans import Span

FORMAT = "langsmith"

COLUMNS = Columns(
    format=FORMAT,
    kind="run_type",
    llm_kind="llm",
    kinds_hint="a LangSmith run has llm, chain, tool, ...",
    start=("start_time",),
    end=("end_time",),
    provider=("extra.metadata.ls_provider", "metadata.ls_provider", "ls_provider"),
    model=("extra.metadata.ls_model_name", "metadata.ls_model_name", "ls_model_name", "extra.invocation_params.model",
           "extra.invocation_params.model_name", "model"),
    input_tokens=("prompt_tokens",),
    output_tokens=("completion_tokens",),
)


def looks_like(record: Mapping[str, Any]) -> bool:
    return "run_type" in record and "start_time" in record


def read(records: List[Record]) -> Tuple[List[Span], int]:
    return read_columns(records, COLUMNS)
