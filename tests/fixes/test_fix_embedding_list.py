"""LLM003 fix: a loop of single-input ``embeddings.create`` calls becomes list-input requests.

Behaviour with the real ``openai`` SDK against the fake server: same rows and return value,
one request instead of one per item; the emitted helper chunks to ``chunk_size`` and keeps the
order across chunks and across requests that differ in parameters. Codemod before/after for the
async client; refusals for a loop reading per-call usage and for a call outside a loop.
"""
from __future__ import annotations

import asyncio
import textwrap

import openai
import pytest
from support.fixlib import fixed_text, fixes_for, function_code
from support.pairs import pair as _pair

CHUNKS = [("d1", "alpha"), ("d2", ""), ("d3", "beta gamma"), ("d4", "delta")]


def test_loop_same_rows_with_one_request(server, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "embed_list")
    rows_a, rows_b = [], []
    assert original.index_chunks(CHUNKS, rows_a) == 3
    assert server.count("POST", "/embeddings") == 3
    assert fixed.index_chunks(CHUNKS, rows_b) == 3
    assert server.count("POST", "/embeddings") == 4  # one list-input request for the three texts
    assert rows_a == rows_b and rows_a[0] == "d1: [0.5, 3.3] text-embedding-3-small"
    assert server.count("POST", "/batches") == 0


def test_helper_chunks_and_keeps_order_across_groups(server, fixed_fixtures):
    _, fixed = _pair(fixed_fixtures, "embed_list")
    client = openai.OpenAI()
    texts = [f"text {i}" * (i + 1) for i in range(5)]
    bodies = [dict(model="text-embedding-3-small" if i % 2 else "text-embedding-3-large", input=t) for i, t in enumerate(texts)]
    bodies.append(dict(model="text-embedding-3-small", input=["two", "inputs"]))
    got = list(fixed._openai_embed_each(client, bodies, chunk_size=2))
    # "small": 2 single inputs + a 2-input body = 4 inputs, 2 chunks; "large": 3 inputs, 2 chunks
    assert server.count("POST", "/embeddings") == 4
    for body, response in zip(bodies, got):
        single = client.embeddings.create(**body)
        assert [e.embedding for e in response.data] == [e.embedding for e in single.data]
        assert [e.index for e in response.data] == list(range(len(single.data)))
        assert response.model == body["model"]
    assert len(got) == len(bodies)


def test_async_client_loop_rewrite(tmp_path):
    source = textwrap.dedent('''\
    from openai import AsyncOpenAI as AOAI

    oa = AOAI()

    async def vectors(texts):
        out = []
        for t in texts:
            r = await oa.embeddings.create(model="text-embedding-3-small", input=t)
            out.append(r.data[0].embedding)
        return out
    ''')
    text = fixed_text(tmp_path, source)
    assert function_code(text, "vectors") == textwrap.dedent('''\
    async def vectors(texts):
        out = []
        # The inputs go out as list-input OpenAI embedding requests; the loop below runs on the results, in order.
        batch_items = list(texts)
        batch_bodies = [dict(model="text-embedding-3-small", input=t) for t in batch_items]
        batch_results = await _openai_embed_each_async(oa, batch_bodies)
        for t in batch_items:
            r = next(batch_results)
            out.append(r.data[0].embedding)
        return out
    ''')
    assert "async def _openai_embed_each_async(" in text and "chunk_size: int = 2048" in text
    assert fixed_text(tmp_path, text) is None


def test_async_fixed_code_runs(server, tmp_path):
    source = textwrap.dedent('''\
    from openai import AsyncOpenAI

    oa = AsyncOpenAI()

    async def vectors(texts):
        out = []
        for t in texts:
            r = await oa.embeddings.create(model="m", input=t)
            out.append(r.data[0].embedding)
        return out
    ''')
    namespace_a, namespace_b = {}, {}
    exec(compile(source, "a.py", "exec"), namespace_a)
    exec(compile(fixed_text(tmp_path, source), "b.py", "exec"), namespace_b)
    texts = ["x", "yy", "zzz"]
    assert asyncio.run(namespace_a["vectors"](texts)) == asyncio.run(namespace_b["vectors"](texts))
    assert server.count("POST", "/embeddings") == 4


@pytest.mark.parametrize("body, reason", [
    ("        total += r.usage.total_tokens\n", "reads each response's `.usage`"),
])
def test_loop_reading_usage_is_refused(tmp_path, body, reason):
    source = textwrap.dedent('''\
    from openai import OpenAI

    client = OpenAI()

    def count(texts):
        total = 0
        for t in texts:
            r = client.embeddings.create(model="m", input=t)
    ''') + body + "    return total\n"
    assert reason in fixes_for(tmp_path, source)["LLM003"].refusal
