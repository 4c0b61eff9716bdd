"""Regenerate docs/rules/*.md, docs/providers.md and docs/discounts.md from the rule classes (their docstrings, docs and examples).

    python scripts/gen_rule_docs.py

tests/rules/test_docs.py fails when the committed pages differ from what this writes.
"""
from __future__ import annotations

from pathlib import Path

from llm_latency_lint.catalog.discounts import TABLE
from llm_latency_lint.catalog.providers import all_providers
from llm_latency_lint.rules import ALL_RULES
from llm_latency_lint.rules.docs import (
    render_discounts,
    render_index,
    render_internal_error,
    render_providers,
    render_rule,
)

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    for rule in ALL_RULES:
        (DOCS / f"{rule.code}.md").write_text(render_rule(rule), encoding="utf-8")
    (DOCS / "README.md").write_text(render_index(ALL_RULES), encoding="utf-8")
    (DOCS / "LLM900.md").write_text(render_internal_error(), encoding="utf-8")
    (DOCS.parent / "providers.md").write_text(render_providers(all_providers()), encoding="utf-8")
    (DOCS.parent / "discounts.md").write_text(render_discounts(TABLE), encoding="utf-8")


if __name__ == "__main__":
    main()
