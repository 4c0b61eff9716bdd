"""google-genai batch rewrite: before/after for a loop, a single call, aliases and ``client.aio``;
refusal when the model is not a literal (a batch job runs one model)."""
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
    "loop, from-import alias": (
        '''\
        from google import genai as gg

        client = gg.Client()

        def job(docs, out):  # llm-latency: scheduled
            for doc in docs:
                r = client.models.generate_content(model="gemini-2.5-flash", contents=doc)
                out.append(r.text)
        ''',
        "job",
        '''\
        def job(docs, out):  # llm-latency: scheduled
            # The requests go to the Gemini Batch API; the loop below runs on the results, in order.
            batch_items = list(docs)
            batch_bodies = [dict(model="gemini-2.5-flash", contents=doc) for doc in batch_items]
            batch_results = _genai_batch(client, batch_bodies)
            for doc in batch_items:
                r = next(batch_results)
                out.append(r.text)
        ''',
    ),
    "single call through client.aio, module import": (
        '''\
        import google.genai

        llm = google.genai.Client()

        async def job(q):  # llm-latency: scheduled
            return (await llm.aio.models.generate_content(model="gemini-2.5-pro", contents=q, config={"temperature": 0})).text
        ''',
        "job",
        '''\
        async def job(q):  # llm-latency: scheduled
            return next(
                await _genai_batch_async(
                    llm,
                    [dict(model="gemini-2.5-pro", contents=q, config={"temperature": 0})],
                )
            ).text
        ''',
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_rewrite(tmp_path, name):
    assert_rewrite(tmp_path, *CASES[name])


def test_helper_imports_and_idempotence(tmp_path):
    before, _, _ = CASES["single call through client.aio, module import"]
    text = assert_helper_added(
        tmp_path, before,
        imports=("from google import genai", "import google.genai.errors", "import google.genai.types", "import asyncio"),
        snippets=("await client.aio.batches.create(",),
    )
    assert text.count("async def _genai_batch_async(") == 1


def test_model_not_a_literal_is_refused(tmp_path):
    source = textwrap.dedent('''\
    from google import genai

    client = genai.Client()

    def job(items):  # llm-latency: scheduled
        for model, text in items:
            print(client.models.generate_content(model=model, contents=text).text)
    ''')
    assert "a Gemini batch job runs one model" in fixes_for(tmp_path, source)["LLM001"].refusal


@pytest.mark.parametrize("installed, refused", [("1.47.0", True), ("1.60.0", True), ("1.61.0", False), (None, False)])
def test_an_older_installed_sdk_refuses_the_fix_naming_the_version(tmp_path, monkeypatch, installed, refused):
    pretend_installed(monkeypatch, {"google-genai": installed})
    before, _, _ = CASES["single call through client.aio, module import"]
    fix = fixes_for(tmp_path, textwrap.dedent(before))["LLM001"]
    if refused:
        assert fix.refusal == (
            "the fix needs google-genai>=1.61 (InlinedResponse.metadata maps results back to requests); "
            f"{installed} is installed"
        )
    else:
        assert fix.applicable
