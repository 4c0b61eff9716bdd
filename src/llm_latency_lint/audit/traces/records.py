"""Flat trace exports (Langfuse observations, LangSmith runs, Logfire records): one record per
LLM request, from JSON (a list, or an API page ``{"data": [...]}`` / ``{"runs": [...]}`` /
``{"rows": [...]}``), JSON lines, or CSV with a header. Cells holding JSON text (a CSV's
``usageDetails`` or ``extra`` column) are read as JSON.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Dict, List, Mapping, Optional, Tuple

from llm_latency_lint.audit.traces.spans import TraceError, json_lines

Record = Tuple[Dict[str, Any], str]  # the record and where it is ("file: record N")

PAGE_KEYS = ("data", "runs", "rows", "observations", "records")


def from_json(document: Any, source: str) -> Optional[List[Record]]:
    """The records of a JSON document, or None when it is no list of records."""
    items = document
    if isinstance(document, dict):
        items = next((document[k] for k in PAGE_KEYS if isinstance(document.get(k), list)), None)
    if not isinstance(items, list):
        return None
    out: List[Record] = []
    for number, item in enumerate(items, start=1):
        where = f"{source}: record {number}"
        if not isinstance(item, dict):
            raise TraceError(f"{where}: not a JSON object")
        out.append((item, where))
    return out


def from_json_lines(text: str, source: str) -> List[Record]:
    out: List[Record] = []
    for item, where in json_lines(text, source):
        if not isinstance(item, dict):
            raise TraceError(f"{where}: not a JSON object")
        out.append((item, where))
    return out


def from_csv(text: str, source: str) -> List[Record]:
    reader = csv.DictReader(io.StringIO(text))
    out: List[Record] = []
    try:
        for row in reader:
            where = f"{source}: record {reader.line_num - 1} (line {reader.line_num})"
            if None in row:
                raise TraceError(f"{where}: more cells than the header has columns")
            out.append(({k.strip(): _cell(v) for k, v in row.items() if k is not None}, where))
    except csv.Error as exc:
        raise TraceError(f"{source}: record {reader.line_num}: malformed CSV: {exc}") from None
    return out


def _cell(text: Optional[str]) -> Any:
    text = (text or "").strip()
    if text[:1] in "{[" and text[-1:] in "}]":
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return text
    return text if text else None


def get(record: Mapping[str, Any], *paths: str) -> Any:
    """The first present value among dotted ``paths`` (``usageDetails.input``), else None."""
    for path in paths:
        current: Any = record
        if path in record:
            current = record[path]
        else:
            for part in path.split("."):
                current = current.get(part) if isinstance(current, dict) else None
                if current is None:
                    break
        if current not in (None, ""):
            return current
    return None


def csv_header(text: str) -> List[str]:
    first = next(csv.reader(io.StringIO(text)), [])
    return [h.strip() for h in first]
