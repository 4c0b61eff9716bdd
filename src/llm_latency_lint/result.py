"""What a run produces: findings and the result handed to reporters, fixes and the audit.

These types live apart from the engine so that rules, suppression, fixes and reporters can name
them without importing the pipeline.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Mapping, Optional

from llm_latency_lint.files.edits import Fix
from llm_latency_lint.model import FileError, FileFacts  # noqa: F401 - FileError is part of a Result
from llm_latency_lint.project.classify import ClassifiedSite, Evidence


@dataclass
class Finding:
    code: str
    message: str
    path: str
    line: int
    col: int
    end_line: int
    end_col: int
    site: Optional[ClassifiedSite]  # None for findings about comments (LLM100 unused noqa)
    fix: Optional[Fix] = None  # attached by fixes/ when a rewrite exists (or is refused)

    @property
    def evidence(self) -> List[Evidence]:
        return self.site.evidence if self.site is not None else []

    @property
    def call_site(self) -> ClassifiedSite:
        """``site`` of a finding about a call (every rule's but LLM100's): what fixes rewrite."""
        if self.site is None:
            raise ValueError(f"a {self.code} finding names no call site")
        return self.site


@dataclass
class Result:
    root: Path
    files: List[FileFacts]
    sites: List[ClassifiedSite]
    findings: List[Finding]
    errors: List[FileError]
    suppressed: int = 0
    texts: Mapping[str, str] = field(default_factory=dict)  # every Python file; read on demand
