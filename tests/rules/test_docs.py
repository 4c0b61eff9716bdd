"""Rule pages in docs/rules are generated from the rule classes and must stay in sync."""
from __future__ import annotations

from support.paths import REPO, SHAPES_RECORD

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

DOCS = REPO / "docs" / "rules"


def test_rule_pages_are_up_to_date():
    for rule in ALL_RULES:
        page = DOCS / f"{rule.code}.md"
        assert page.read_text(encoding="utf-8") == render_rule(rule), f"run scripts/gen_rule_docs.py ({rule.code})"
        text = page.read_text(encoding="utf-8")
        for heading in ("## What it finds", "## Why it costs money", "## Example", "## Use instead", "## Fix safety", "## Options"):
            assert heading in text
    assert (DOCS / "README.md").read_text(encoding="utf-8") == render_index(ALL_RULES)
    assert (DOCS / "LLM900.md").read_text(encoding="utf-8") == render_internal_error()


def test_provider_page_is_up_to_date():
    coverage = Coverage.from_json(SHAPES_RECORD.read_text(encoding="utf-8"))
    assert (DOCS.parent / "providers.md").read_text(encoding="utf-8") == render_providers(all_providers(), coverage)


def test_discount_page_is_up_to_date():
    assert (DOCS.parent / "discounts.md").read_text(encoding="utf-8") == render_discounts(TABLE)


def test_llm001_fix_safety_names_the_error_the_helpers_raise():
    """README and the generated helpers say a failed item raises the SDK's status error; the rule
    page had said the base error, 'not an HTTP status error'."""
    from llm_latency_lint.fixes.providers import _openai_shaped

    page = (DOCS / "LLM001.md").read_text(encoding="utf-8")
    readme = (DOCS.parent.parent / "README.md").read_text(encoding="utf-8")
    assert "not an HTTP status error" not in page and "base error" not in page
    assert "status error the synchronous call would have raised" in page
    assert "`openai.BadRequestError`" in page and "`openai.BadRequestError`" in readme
    assert "status error the synchronous call would have" in _openai_shaped._TEMPLATE.replace("\n   ", "")


def test_readme_says_which_streams_the_llm004_fix_rewrites():
    """README said the fix applies to any stream that adds up text; Gemini streams are skipped."""
    from llm_latency_lint.fixes.registry import fixers

    readme = (DOCS.parent.parent / "README.md").read_text(encoding="utf-8")
    rewritten = sorted({provider for strategy, provider, _ in fixers() if strategy == "stream"})
    assert rewritten == ["groq", "openai"]
    start = readme.index("- **LLM004** (safe)")
    entry = readme[start:readme.index("\n- ", start + 1)]
    assert "OpenAI and Groq" in entry and "Gemini" in entry and "not rewritten" in entry


def test_no_document_keeps_a_merge_conflict_marker():
    """A merge that kept ``<<<<<<<``/``>>>>>>>`` lines leaves a doc saying two things at once."""
    marker = ("<<<<<<< ", "=======\n", ">>>>>>> ")
    pages = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md")), *sorted((REPO / "bench").rglob("*.md"))]
    kept = [f"{page.relative_to(REPO)}:{number}" for page in pages
            for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(keepends=True), 1)
            if line.startswith(marker)]
    assert not kept
