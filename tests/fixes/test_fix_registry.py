"""The fixers' batch endpoints are the provider catalog's: one home for each endpoint."""
from __future__ import annotations

import pytest

from llm_latency_lint.catalog.providers import provider_by_id
from llm_latency_lint.fixes.batch import BatchFixer, catalog_endpoint
from llm_latency_lint.fixes.registry import fixers


def test_every_batch_fixer_posts_to_the_endpoint_the_catalog_names():
    checked = 0
    for (strategy, provider, operation), fixer in fixers().items():
        if not isinstance(fixer, BatchFixer) or operation not in fixer.endpoints:
            continue
        catalog = provider_by_id(provider)
        op = catalog.operations.get(operation) or catalog.module_functions.get(operation)
        if op is None or not op.endpoint:
            continue  # Anthropic's and Gemini's batches take no endpoint URL
        assert fixer.endpoints[operation].url == op.endpoint, (strategy, provider, operation)
        checked += 1
    assert checked >= 5


def test_an_operation_without_a_batch_endpoint_is_a_clear_error():
    assert catalog_endpoint("openai", "embeddings.create") == "/v1/embeddings"
    with pytest.raises(LookupError, match="names no batch endpoint for anthropic messages.create"):
        catalog_endpoint("anthropic", "messages.create")
