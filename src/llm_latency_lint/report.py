"""Report models: the stable ``audit --format json`` schema (version 1) and ``check`` JSON.

Other tools consume these; fields are only ever added, never renamed or removed.
"""
from __future__ import annotations

from typing import Dict, List, Optional

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EvidenceOut(_Model):
    path: str
    line: int
    note: str
    schedule: Optional[str] = None


class CallSiteOut(_Model):
    path: str
    line: int
    column: int
    provider: str
    operation: str
    latency_class: str
    evidence: List[EvidenceOut]


class SummaryOut(_Model):
    by_class: Dict[str, int]


class ErrorOut(_Model):
    path: str
    message: str


class AuditOut(_Model):
    version: int = 1
    call_sites: List[CallSiteOut]
    summary: SummaryOut
    errors: List[ErrorOut]


class FindingOut(_Model):
    code: str
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    # Absent only for findings about comments rather than call sites (LLM100).
    provider: Optional[str] = None
    operation: Optional[str] = None
    latency_class: Optional[str] = None
    evidence: List[EvidenceOut]


class CheckOut(_Model):
    version: int = 1
    findings: List[FindingOut]
    errors: List[ErrorOut]
