"""``audit --format json``: the stable, versioned inventory (see docs/audit.md)."""
from __future__ import annotations

from llm_latency_lint.audit.inventory import Audit
from llm_latency_lint.reporters.convert import audit


def render(inv: Audit, color: bool = False) -> str:
    return audit(inv).model_dump_json(indent=2, exclude_none=True) + "\n"
