"""Flat exports that keep one LLM request per record (Langfuse observations, LangSmith runs)
differ only in where each field lives. A format is a :class:`Columns` table of candidate keys
(the first key present wins; the first key names the field in error messages), and one reader
turns its records into spans.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Tuple

from llm_latency_lint.audit.traces.records import Record, get
from llm_latency_lint.audit.traces.spans import (
    Span,
    TraceError,
    provider_id,
    timestamp,
    tokens,
)

Keys = Tuple[str, ...]


@dataclass(frozen=True)
class Columns:
    """Where one format keeps each field of a record."""

    format: str
    kind: str                # the record-type field
    llm_kind: str            # its value (any case) on LLM requests; other records are counted
    kinds_hint: str          # the values a record of this format has, for the missing-type error
    start: Keys
    end: Keys
    provider: Keys
    model: Keys
    input_tokens: Keys
    output_tokens: Keys


def read_columns(records: List[Record], columns: Columns) -> Tuple[List[Span], int]:
    """The LLM requests among ``records`` as spans, and how many other records were left out."""
    out: List[Span] = []
    other = 0
    for record, where in records:
        kind = get(record, columns.kind)
        if kind is None:
            raise TraceError(f"{where}: no {columns.kind} ({columns.kinds_hint})")
        if str(kind).lower() != columns.llm_kind:
            other += 1
            continue
        end_raw = get(record, *columns.end)
        out.append(Span(
            start=timestamp(get(record, *columns.start), where, columns.start[0]),
            end=timestamp(end_raw, where, columns.end[0]) if end_raw else None,
            source=where,
            format=columns.format,
            provider=provider_id(get(record, *columns.provider)),
            model=get(record, *columns.model),
            input_tokens=tokens(get(record, *columns.input_tokens), where, columns.input_tokens[0]),
            output_tokens=tokens(get(record, *columns.output_tokens), where, columns.output_tokens[0]),
            name=get(record, "name"),
        ))
    return out, other
