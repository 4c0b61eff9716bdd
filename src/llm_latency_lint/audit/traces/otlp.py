"""OTLP JSON traces: the OpenTelemetry Collector ``file`` exporter's output (one ``TracesData``
object, ``{"resourceSpans": [...]}``, per file or per line: JSON lines), and the same shape from
any SDK's OTLP/JSON file exporter.

A span is an LLM request when it carries GenAI semantic-convention attributes
(``gen_ai.system`` or ``gen_ai.provider.name``, ``gen_ai.request.model``, ``gen_ai.operation.name``);
other spans (HTTP, database) are counted and left out. Read per span:

- time: ``startTimeUnixNano`` / ``endTimeUnixNano`` (decimal strings or numbers);
- provider: ``gen_ai.provider.name`` (current conventions) or ``gen_ai.system`` (older);
- model: ``gen_ai.response.model``, else ``gen_ai.request.model``;
- tokens: ``gen_ai.usage.input_tokens`` / ``gen_ai.usage.output_tokens`` (older:
  ``gen_ai.usage.prompt_tokens`` / ``gen_ai.usage.completion_tokens``);
- code location: ``code.filepath`` / ``code.lineno`` / ``code.function`` (what Pydantic Logfire's
  OpenAI and Anthropic instrumentation records for the calling frame), or the current
  conventions' ``code.file.path`` / ``code.line.number`` / ``code.function.name``.

A span with these attributes that cannot be read (no start time, tokens that are not counts)
is an error naming its record; nothing is guessed.
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

from llm_latency_lint.audit.traces.spans import (
    Span,
    TraceError,
    json_lines,
    line_number,
    provider_id,
    timestamp,
    tokens,
)

GENAI_KEYS = ("gen_ai.system", "gen_ai.provider.name", "gen_ai.request.model", "gen_ai.operation.name")


def value(raw: Any, where: str) -> Any:
    """An OTLP ``AnyValue`` (``{"stringValue": ...}``, ``{"intValue": "12"}``, ...) as Python."""
    if not isinstance(raw, dict) or len(raw) > 1:
        raise TraceError(f"{where}: attribute value {str(raw)[:60]!r} is not an OTLP AnyValue")
    if not raw:
        return None
    kind, inner = next(iter(raw.items()))
    if kind in ("stringValue", "boolValue", "doubleValue"):
        return inner
    if kind == "intValue":
        try:
            return int(inner)
        except (TypeError, ValueError):
            raise TraceError(f"{where}: intValue {inner!r} is not an integer") from None
    if kind == "arrayValue":
        return [value(v, where) for v in (inner or {}).get("values", [])]
    if kind == "kvlistValue":
        return attributes((inner or {}).get("values", []), where)
    if kind == "bytesValue":
        return inner
    raise TraceError(f"{where}: unknown attribute value type {kind!r}")


def attributes(raw: Any, where: str) -> Dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, list):
        raise TraceError(f"{where}: attributes is not a list of key/value pairs")
    out: Dict[str, Any] = {}
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            raise TraceError(f"{where}: attribute {str(item)[:60]!r} has no key")
        out[item["key"]] = value(item.get("value", {}), f"{where}: attribute {item['key']}")
    return out


def is_genai(attrs: Mapping[str, Any]) -> bool:
    return any(attrs.get(k) for k in GENAI_KEYS)


def _first(attrs: Mapping[str, Any], *keys: str) -> Any:
    return next((attrs[k] for k in keys if attrs.get(k) not in (None, "")), None)


def from_attributes(attrs: Mapping[str, Any], start: datetime, end: Optional[datetime], name: Optional[str],
                    where: str, fmt: str) -> Span:
    """A span from GenAI and code attributes (shared with the Logfire records reader)."""
    function = _first(attrs, "code.function.name", "code.function")
    return Span(
        start=start,
        end=end,
        source=where,
        format=fmt,
        provider=provider_id(_first(attrs, "gen_ai.provider.name", "gen_ai.system")),
        model=_first(attrs, "gen_ai.response.model", "gen_ai.request.model"),
        input_tokens=tokens(_first(attrs, "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"), where,
                            "gen_ai.usage.input_tokens"),
        output_tokens=tokens(_first(attrs, "gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"), where,
                             "gen_ai.usage.output_tokens"),
        filepath=_first(attrs, "code.file.path", "code.filepath"),
        lineno=line_number(_first(attrs, "code.line.number", "code.lineno"), where, "code.lineno"),
        function=str(function) if function else None,
        name=name,
    )


def _spans_of(document: Any, where: str) -> Iterator[Tuple[Mapping[str, Any], str]]:
    if not isinstance(document, dict) or "resourceSpans" not in document:
        raise TraceError(f"{where}: not an OTLP TracesData object (no resourceSpans)")
    resource_spans = document["resourceSpans"]
    if not isinstance(resource_spans, list):
        raise TraceError(f"{where}: resourceSpans is not a list")
    for r, resource in enumerate(resource_spans):
        if not isinstance(resource, dict):
            raise TraceError(f"{where}: resourceSpans[{r}] is not an object")
        scopes = resource.get("scopeSpans", resource.get("instrumentationLibrarySpans", []))
        if not isinstance(scopes, list):
            raise TraceError(f"{where}: resourceSpans[{r}].scopeSpans is not a list")
        for s, scope in enumerate(scopes):
            spans = scope.get("spans", []) if isinstance(scope, dict) else None
            if not isinstance(spans, list):
                raise TraceError(f"{where}: resourceSpans[{r}].scopeSpans[{s}].spans is not a list")
            for k, span in enumerate(spans):
                yield span, f"resourceSpans[{r}].scopeSpans[{s}].spans[{k}]"


def parse_document(document: Any, where: str, fmt: str = "otlp") -> Tuple[List[Span], int]:
    """The GenAI spans of one TracesData object and how many other spans it held."""
    out: List[Span] = []
    other = 0
    for span, path in _spans_of(document, where):
        here = f"{where} {path}"
        if not isinstance(span, dict):
            raise TraceError(f"{here}: span is not an object")
        attrs = attributes(span.get("attributes"), here)
        if not is_genai(attrs):
            other += 1
            continue
        start_raw = span.get("startTimeUnixNano")
        if start_raw in ("0", 0):  # protobuf's default: the exporter did not set it
            start_raw = None
        start = timestamp(start_raw, here, "startTimeUnixNano", unit="ns")
        end_raw = span.get("endTimeUnixNano")
        end = timestamp(end_raw, here, "endTimeUnixNano", unit="ns") if end_raw not in (None, "", "0", 0) else None
        kind = "logfire" if any(k.startswith("logfire.") for k in attrs) else fmt
        out.append(from_attributes(attrs, start, end, span.get("name"), here, kind))
    return out, other


def parse(text: str, source: str) -> Tuple[List[Span], int]:
    """One TracesData JSON document, or JSON lines of them (the file exporter appends one per line)."""
    stripped = text.strip()
    try:
        return parse_document(json.loads(stripped), f"{source}: record 1")
    except json.JSONDecodeError:
        pass
    spans: List[Span] = []
    other = 0
    for document, where in json_lines(text, source):
        found, skipped = parse_document(document, where)
        spans.extend(found)
        other += skipped
    return spans, other
