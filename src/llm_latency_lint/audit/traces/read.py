"""``audit --traces FILE...``: read trace exports, recognising each file's format from its content.

| format | recognised by |
| --- | --- |
| OTLP JSON / JSON lines (Collector file exporter; Logfire through OTLP) | ``resourceSpans`` |
| Logfire records (JSON rows, CSV) | ``start_timestamp`` and ``attributes`` |
| Langfuse observations (API page, JSON, JSON lines, CSV) | ``traceId``, ``type``, ``startTime`` |
| LangSmith runs (list_runs / runs query, JSON, JSON lines, CSV) | ``run_type``, ``start_time`` |

Anything else is an error naming the file and the supported formats; a broken record is an
error naming its record number. Nothing is skipped silently: records that are not LLM requests
(HTTP spans, chains, events) are counted per file and the count is reported.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timezone, tzinfo
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Sequence, Tuple

from llm_latency_lint.audit.traces import langfuse, langsmith, logfire, otlp
from llm_latency_lint.audit.traces.records import (
    Record,
    csv_header,
    from_csv,
    from_json,
    from_json_lines,
)
from llm_latency_lint.audit.traces.spans import Span, TraceError

SUPPORTED = (
    "OTLP JSON or JSON lines (resourceSpans), Logfire records (start_timestamp + attributes), "
    "Langfuse observations (traceId + type + startTime), LangSmith runs (run_type + start_time)"
)

Reader = Callable[[List[Record]], Tuple[List[Span], int]]
_FLAT: Tuple[Tuple[str, Callable[[Mapping[str, Any]], bool], Reader], ...] = (
    ("logfire", logfire.looks_like, logfire.read),
    ("langfuse", langfuse.looks_like, langfuse.read),
    ("langsmith", langsmith.looks_like, langsmith.read),
)


@dataclass
class FileSummary:
    source: str
    format: str
    spans: int
    other: int  # records that are not LLM requests, left out


@dataclass
class Traces:
    spans: List[Span] = field(default_factory=list)
    files: List[FileSummary] = field(default_factory=list)
    sample_rate: float = 1.0  # the fraction of requests the export holds
    tz: str = "UTC"  # the time zone schedules run in: profiles are read in it


def _unrecognised(source: str, what: str) -> TraceError:
    return TraceError(f"{source}: unrecognised trace format ({what}); supported: {SUPPORTED}")


def _flat(records: List[Record], source: str) -> Tuple[str, List[Span], int]:
    if not records:
        raise TraceError(f"{source}: no records")
    first = records[0][0]
    for name, looks_like, reader in _FLAT:
        if looks_like(first):
            spans, other = reader(records)
            return name, spans, other
    keys = ", ".join(sorted(first)[:8]) or "no fields"
    raise _unrecognised(source, f"first record has {keys}")


def parse(text: str, source: str) -> Tuple[str, List[Span], int]:
    """(format, spans, records left out) for one file's text."""
    stripped = text.lstrip("\ufeff").strip()
    if not stripped:
        raise TraceError(f"{source}: empty file")
    if stripped[0] in "{[":
        problem = None
        try:
            document = json.loads(stripped)
        except json.JSONDecodeError as exc:
            document = None  # JSON lines, or broken JSON: decided below
            problem = f"{exc.msg} at line {exc.lineno} column {exc.colno}"
        if document is not None:
            if isinstance(document, dict) and "resourceSpans" in document:
                spans, other = otlp.parse_document(document, f"{source}: record 1")
                return _otlp_name(spans), spans, other
            records = from_json(document, source)
            if records is None:
                raise _unrecognised(source, "a JSON object with " + (", ".join(sorted(document)[:8]) or "no keys")
                                    if isinstance(document, dict) else "JSON that is no list of records")
            return _flat(records, source)
        if stripped[0] == "{":
            first_line = stripped.splitlines()[0]
            try:
                head = json.loads(first_line)
            except json.JSONDecodeError as exc:
                raise TraceError(f"{source}: record 1 (line 1): invalid JSON: {exc.msg} at column {exc.colno}") from None
            if isinstance(head, dict) and "resourceSpans" in head:
                spans, other = otlp.parse(stripped, source)
                return _otlp_name(spans), spans, other
            return _flat(from_json_lines(stripped, source), source)
        raise TraceError(f"{source}: invalid JSON: {problem}")
    header = csv_header(stripped)
    if len(header) < 2:
        raise _unrecognised(source, "neither JSON nor a CSV header")
    return _flat(from_csv(stripped, source), source)


def _otlp_name(spans: Sequence[Span]) -> str:
    return "otlp (logfire)" if any(s.format == "logfire" for s in spans) else "otlp"


def zone(name: str) -> tzinfo:
    if name.upper() == "UTC":
        return timezone.utc
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except (ImportError, ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        raise TraceError(f"--traces-tz {name!r}: not an IANA time zone name (e.g. Europe/Berlin)") from None


def read(paths: Sequence[Path], sample_rate: float = 1.0, tz: str = "UTC") -> Traces:
    if not 0 < sample_rate <= 1:
        raise TraceError(f"--traces-sample-rate {sample_rate:g}: must be more than 0 and at most 1")
    zone(tz)
    out = Traces(sample_rate=sample_rate, tz=tz)
    for path in paths:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise TraceError(f"{path}: cannot read: {exc.strerror or exc}") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise TraceError(f"{path}: not UTF-8 text (compressed? unpack it first)") from None
        fmt, spans, other = parse(text, path.name)
        out.spans.extend(spans)
        out.files.append(FileSummary(path.name, fmt, len(spans), other))
    return out


def formats() -> Dict[str, str]:
    return {"otlp": "OTLP JSON", "logfire": "Logfire", "langfuse": "Langfuse", "langsmith": "LangSmith"}
