"""Anthropic batch rewrite: before/after for a loop, a single call, aliases and the async client;
refusals for beta calls and the cloud clients whose SDK refuses batches."""
from __future__ import annotations

import textwrap

import pytest
from support.fixlib import assert_helper_added, assert_rewrite, fixes_for

CASES = {
    "loop, module alias, guard": (
        '''\
        import anthropic as ant

        claude = ant.Anthropic()

        def job(docs, out):  # llm-latency: scheduled
            for doc in docs:
                if doc.skip:
                    continue
                msg = claude.messages.create(model="claude-haiku-4-5", max_tokens=100, messages=doc.messages)
                out.append(msg.id)
        ''',
        "job",
        '''\
        def job(docs, out):  # llm-latency: scheduled
            # The requests go to the Anthropic Batch API; the loop below runs on the results, in order.
            batch_items = list(docs)
            batch_bodies = [
                dict(model="claude-haiku-4-5", max_tokens=100, messages=doc.messages)
                for doc in batch_items
                if not doc.skip
            ]
            batch_results = _anthropic_batch(claude, batch_bodies)
            for doc in batch_items:
                if doc.skip:
                    continue
                msg = next(batch_results)
                out.append(msg.id)
        ''',
    ),
    "single call, class alias, timeout dropped": (
        '''\
        from anthropic import Anthropic as Claude

        client = Claude()

        def job(q):  # llm-latency: scheduled
            return client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=q, timeout=20)
        ''',
        "job",
        '''\
        def job(q):  # llm-latency: scheduled
            return next(_anthropic_batch(client, [dict(model="claude-haiku-4-5", max_tokens=5, messages=q)]))
        ''',
    ),
    "async client in a loop, self attribute": (
        '''\
        from anthropic import AsyncAnthropic

        class Job:
            def __init__(self):
                self.llm = AsyncAnthropic()

            async def run(self, prompts):  # llm-latency: scheduled
                answers = []
                for p in prompts:
                    reply = await self.llm.messages.create(model="claude-haiku-4-5", max_tokens=50, messages=[p])
                    answers.append(reply.content)
                return answers
        ''',
        "run",
        '''\
        async def run(self, prompts):  # llm-latency: scheduled
            answers = []
            # The requests go to the Anthropic Batch API; the loop below runs on the results, in order.
            batch_items = list(prompts)
            batch_bodies = [
                dict(model="claude-haiku-4-5", max_tokens=50, messages=[p])
                for p in batch_items
            ]
            batch_results = await _anthropic_batch_async(self.llm, batch_bodies)
            for p in batch_items:
                reply = next(batch_results)
                answers.append(reply.content)
            return answers
        ''',
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_rewrite(tmp_path, name):
    assert_rewrite(tmp_path, *CASES[name])


def test_helper_imports_and_idempotence(tmp_path):
    before, _, _ = CASES["loop, module alias, guard"]
    text = assert_helper_added(
        tmp_path, before,
        imports=("import anthropic", "import anthropic.types.messages", "import time"),
        snippets=("client: anthropic.Anthropic,",),
    )
    assert text.count("def _anthropic_batch(") == 1 and "async def" not in text


def test_beta_messages_are_refused(tmp_path):
    source = textwrap.dedent('''\
    import anthropic

    client = anthropic.Anthropic()

    def job(q):  # llm-latency: scheduled
        return client.beta.messages.create(model="m", max_tokens=5, messages=q, betas=["x"])
    ''')
    assert "beta.messages.batches" in fixes_for(tmp_path, source)["LLM001"].refusal


def test_vertex_is_refused_because_the_sdk_refuses_batches(tmp_path):
    source = textwrap.dedent('''\
    from anthropic import AnthropicVertex

    claude = AnthropicVertex(region="us-east5", project_id="p")

    def job(q):  # llm-latency: scheduled
        return claude.messages.create(model="claude-haiku-4-5", max_tokens=10, messages=q)
    ''')
    refusal = fixes_for(tmp_path, source)["LLM001"].refusal
    assert "the SDK refuses batches on this client" in refusal and "Vertex" in refusal
