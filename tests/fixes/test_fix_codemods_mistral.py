"""Mistral batch rewrite: before/after for a loop, the ``_async`` twin and aliases; refusals for
SDK-call options that have no place in a batch and for clients without a batch rewrite."""
from __future__ import annotations

import textwrap

import pytest
from support.fixlib import (
    assert_helper_added,
    assert_rewrite,
    fixes_for,
    pretend_installed,
)


@pytest.fixture(autouse=True)
def _sdk_not_installed(monkeypatch):
    """The rewrite's text does not depend on the SDK installed here (checked in the gate test)."""
    pretend_installed(monkeypatch, {})

CASES = {
    "loop, trailing timeout_ms dropped": (
        '''\
        from mistralai.client import Mistral

        client = Mistral(api_key="k")

        def job(texts, out):  # llm-latency: scheduled
            for t in texts:
                r = client.chat.complete(
                    model="mistral-small-latest",
                    messages=[{"role": "user", "content": t}],
                    timeout_ms=5000,
                )
                out.append(r.id)
        ''',
        "job",
        '''\
        def job(texts, out):  # llm-latency: scheduled
            # The requests go to the Mistral Batch API; the loop below runs on the results, in order.
            batch_items = list(texts)
            batch_bodies = [
                dict(
                    model="mistral-small-latest",
                    messages=[{"role": "user", "content": t}],
                )
                for t in batch_items
            ]
            batch_results = _mistral_batch(client, batch_bodies)
            for t in batch_items:
                r = next(batch_results)
                out.append(r.id)
        ''',
    ),
    "async twin, module alias": (
        '''\
        import mistralai.client as mc

        llm = mc.Mistral(api_key="k")

        async def job(q):  # llm-latency: scheduled
            r = await llm.chat.complete_async(model="open-mistral-nemo", messages=q)
            return r.model
        ''',
        "job",
        '''\
        async def job(q):  # llm-latency: scheduled
            r = next(await _mistral_batch_async(llm, [dict(model="open-mistral-nemo", messages=q)]))
            return r.model
        ''',
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_rewrite(tmp_path, name):
    assert_rewrite(tmp_path, *CASES[name])


def test_helper_imports_and_idempotence(tmp_path):
    before, _, _ = CASES["async twin, module alias"]
    assert_helper_added(
        tmp_path, before,
        imports=("import httpx2", "import mistralai.client", "import mistralai.client.models", "import asyncio"),
        snippets=("await client.batch.jobs.create_async(", "inline=True"),
    )


def test_http_headers_are_refused(tmp_path):
    source = textwrap.dedent('''\
    from mistralai.client import Mistral

    client = Mistral()

    def job(q):  # llm-latency: scheduled
        return client.chat.complete(model="m", messages=q, http_headers={"x-tenant": "a"})
    ''')
    assert "`http_headers=` has no place in a batch request line" in fixes_for(tmp_path, source)["LLM001"].refusal


def test_mistral_azure_is_refused(tmp_path):
    source = textwrap.dedent('''\
    from mistralai.azure.client import MistralAzure

    client = MistralAzure(api_key="k", server_url="https://x")

    def job(q):  # llm-latency: scheduled
        return client.chat.complete(model="m", messages=q)
    ''')
    assert "MistralAzure has no batch resource" in fixes_for(tmp_path, source)["LLM001"].refusal


@pytest.mark.parametrize("installed, refused", [("1.10.0", True), ("2.10.1", True), ("3.0.0", False), (None, False)])
def test_an_older_installed_sdk_refuses_the_fix_naming_the_version(tmp_path, monkeypatch, installed, refused):
    pretend_installed(monkeypatch, {"mistralai": installed})
    before, _, _ = CASES["async twin, module alias"]
    fix = fixes_for(tmp_path, textwrap.dedent(before))["LLM001"]
    if refused:
        assert fix.refusal == (
            "the fix needs mistralai>=3.0 (mistralai.client.Mistral, inline batch requests, httpx2); "
            f"{installed} is installed"
        )
    else:
        assert fix.applicable
