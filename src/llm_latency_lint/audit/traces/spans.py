"""One LLM request as a trace records it, whatever the exporter: the common shape every reader
returns, and the one error every reader raises.

A reader keeps only what the audit uses: when the request started (and ended), the provider and
model, the tokens, and where in the code it came from (file, line, function) or the name the
tracing library gave it (a Langfuse observation or LangSmith run name is the decorated
function's name by default). Nothing is guessed: a field the record does not carry stays None.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterator, Optional, Tuple


class TraceError(Exception):
    """The file cannot be read as a trace export: one line, naming the file and the record."""


def json_lines(text: str, source: str) -> Iterator[Tuple[Any, str]]:
    """Each non-blank line's JSON value with where it is (``file: record N (line N)``)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}: record {number} (line {number})"
        try:
            yield json.loads(line), where
        except json.JSONDecodeError as exc:
            raise TraceError(f"{where}: invalid JSON: {exc.msg} at column {exc.colno}") from None


@dataclass(frozen=True)
class Span:
    start: datetime  # UTC
    source: str  # "file:record N", for messages
    format: str  # "otlp", "logfire", "langfuse", "langsmith"
    end: Optional[datetime] = None
    provider: Optional[str] = None  # this project's provider id ("openai", "anthropic", "google", ...)
    model: Optional[str] = None
    input_tokens: Optional[int] = None
    output_tokens: Optional[int] = None
    filepath: Optional[str] = None  # code.filepath / code.file.path
    lineno: Optional[int] = None  # code.lineno / code.line.number
    function: Optional[str] = None  # code.function / code.function.name
    name: Optional[str] = None  # span, observation or run name

    def replace(self, **changes: Any) -> "Span":
        from dataclasses import replace

        return replace(self, **changes)

    @property
    def tokens(self) -> int:
        return (self.input_tokens or 0) + (self.output_tokens or 0)


# gen_ai.system / gen_ai.provider.name values (OpenTelemetry GenAI semantic conventions, both the
# older and the newer spellings), LangSmith's ls_provider, and names seen in Langfuse model ids,
# mapped to this project's provider ids.
_PROVIDERS = {
    "openai": "openai", "azure.ai.openai": "openai", "az.ai.openai": "openai", "azure_openai": "openai",
    "azure": "openai",
    "anthropic": "anthropic",
    "gcp.gemini": "google", "gcp.gen_ai": "google", "gemini": "google", "google": "google",
    "google_genai": "google", "google-genai": "google", "gcp.vertex_ai": "vertexai", "vertex_ai": "vertexai",
    "vertexai": "vertexai", "google_vertexai": "vertexai",
    "aws.bedrock": "bedrock", "bedrock": "bedrock", "amazon_bedrock": "bedrock",
    "mistral_ai": "mistral", "mistralai": "mistral", "mistral": "mistral",
    "groq": "groq", "cohere": "cohere", "together": "together", "together_ai": "together",
}


def provider_id(value: Optional[str]) -> Optional[str]:
    """This project's provider id for a system/provider name; unknown names are kept as given."""
    if not value:
        return None
    key = value.strip().lower()
    return _PROVIDERS.get(key, key)


def tokens(value: Any, where: str, what: str) -> Optional[int]:
    """A token count: absent is None; anything but a non-negative whole number is an error."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise TraceError(f"{where}: {what} is {value!r}, not a token count")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise TraceError(f"{where}: {what} is {value!r}, not a token count") from None
    if number < 0 or number != int(number):
        raise TraceError(f"{where}: {what} is {value!r}, not a token count")
    return int(number)


def line_number(value: Any, where: str, what: str) -> Optional[int]:
    found = tokens(value, where, what)
    return found if found else None


_NUMERIC = re.compile(r"-?\d+(\.\d+)?")


def timestamp(value: Any, where: str, what: str, unit: str = "s") -> datetime:
    """A UTC time from RFC 3339 text, or a number of ``unit`` ("s", "ms", "ns") since the epoch."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str) and _NUMERIC.fullmatch(value.strip()):
        number = float(value.strip())
    elif isinstance(value, str) and value.strip():
        text = value.strip().replace("Z", "+00:00").replace(" ", "T", 1)
        text = re.sub(r"([+-]\d{2})$", r"\1:00", text)  # "+00" (PostgreSQL, ClickHouse CSV) -> "+00:00"
        try:
            moment = datetime.fromisoformat(_trim_fraction(text))
        except ValueError:
            raise TraceError(f"{where}: {what} {value!r} is not a time") from None
        return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)
    else:
        raise TraceError(f"{where}: no {what}")
    scale = {"s": 1.0, "ms": 1e3, "ns": 1e9}[unit]
    try:
        return datetime.fromtimestamp(number / scale, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise TraceError(f"{where}: {what} {value!r} is out of range") from None


def _trim_fraction(text: str) -> str:
    """Python 3.9/3.10's fromisoformat takes 3 or 6 fraction digits only: pad or cut to 6."""
    match = re.match(r"^(.*T\d{2}:\d{2}:\d{2})\.(\d+)(.*)$", text)
    if not match:
        return text
    head, fraction, tail = match.groups()
    return f"{head}.{(fraction + '000000')[:6]}{tail}"
