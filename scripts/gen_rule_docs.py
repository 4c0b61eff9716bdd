"""Regenerate docs/rules/*.md, docs/providers.md and docs/discounts.md from the rule classes (their docstrings, docs and examples),
the catalog, and the coverage survey's record (bench/shapes/record.json, benchmark data kept out of the package).

    python scripts/gen_rule_docs.py

tests/rules/test_docs.py fails when the committed pages differ from what this writes.
"""
from __future__ import annotations

from pathlib import Path

from llm_latency_lint.catalog.discounts import TABLE
from llm_latency_lint.catalog.providers import all_providers
from llm_latency_lint.rules import ALL_RULES
from llm_latency_lint.rules.docs import (
    Coverage,
    render_discounts,
    render_index,
    render_internal_error,
    render_providers,
    render_rule,
)

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs" / "rules"
COVERAGE = REPO / "bench" / "shapes" / "record.json"


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    for rule in ALL_RULES:
        (DOCS / f"{rule.code}.md").write_text(render_rule(rule), encoding="utf-8")
    (DOCS / "README.md").write_text(render_index(ALL_RULES), encoding="utf-8")
    (DOCS / "LLM900.md").write_text(render_internal_error(), encoding="utf-8")
    (DOCS.parent / "providers.md").write_text(render_providers(all_providers(), Coverage.from_json(COVERAGE.read_text(encoding="utf-8"))), encoding="utf-8")
    (DOCS.parent / "discounts.md").write_text(render_discounts(TABLE), encoding="utf-8")


if __name__ == "__main__":
    main()
