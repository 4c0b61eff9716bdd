"""Rule pages in docs/rules are generated from the rule classes and must stay in sync."""
from __future__ import annotations

from support.paths import REPO

from llm_latency_lint.catalog.discounts import TABLE
from llm_latency_lint.catalog.providers import all_providers
from llm_latency_lint.rules import ALL_RULES
from llm_latency_lint.rules.docs import (
    render_discounts,
    render_index,
    render_providers,
    render_rule,
)

DOCS = REPO / "docs" / "rules"


def test_rule_pages_are_up_to_date():
    for rule in ALL_RULES:
        page = DOCS / f"{rule.code}.md"
        assert page.read_text(encoding="utf-8") == render_rule(rule), f"run scripts/gen_rule_docs.py ({rule.code})"
        text = page.read_text(encoding="utf-8")
        for heading in ("## What it finds", "## Why it costs money", "## Example", "## Use instead", "## Fix safety", "## Options"):
            assert heading in text
    assert (DOCS / "README.md").read_text(encoding="utf-8") == render_index(ALL_RULES)


def test_provider_page_is_up_to_date():
    assert (DOCS.parent / "providers.md").read_text(encoding="utf-8") == render_providers(all_providers())


def test_discount_page_is_up_to_date():
    assert (DOCS.parent / "discounts.md").read_text(encoding="utf-8") == render_discounts(TABLE)
