"""Original and fixed jobs run with the real SDK clients against a fake provider on 127.0.0.1.

Each pair must return the same value and leave the same side effects (rows written, objects
updated); the fixed one must reach the provider through one batch (upload, create, polls)
instead of one sync request per item. Errors: a failed item raises where the sync call raised,
after the same rows; an expired batch raises ``batch_expired`` at the first unfinished item.
"""
from __future__ import annotations

import asyncio

import openai
import pytest
from support.fakes import openai_api
from support.pairs import pair as _pair


def _sync_calls(server, suffix):
    return server.count("POST", suffix)


def _assert_batched(server, before, suffix, sleeps):
    assert _sync_calls(server, suffix) == before, "the fixed code made sync calls"
    assert server.count("POST", "/files") == 1
    assert server.count("POST", "/batches") == 1
    assert server.count("GET", "/content") >= 1
    assert sleeps and all(s == 30.0 for s in sleeps), sleeps


def test_chat_loop_same_results_and_rows(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "chat_loop")
    texts = ["printer jammed again", "skip me", "refund for order 42", "password reset"]

    def tickets(module):
        return [module.Ticket(i, t, skip=(t == "skip me")) for i, t in enumerate(texts)]

    rows_a, rows_b = [], []
    a, b = tickets(original), tickets(fixed)
    out_a = original.run(a, rows_a)
    sync = _sync_calls(server, "/chat/completions")
    assert sync == 3
    out_b = fixed.run(b, rows_b)
    assert out_a == out_b == 3
    assert rows_a == rows_b
    assert [(t.id, t.summary) for t in a] == [(t.id, t.summary) for t in b]
    _assert_batched(server, sync, "/chat/completions", sleeps)


def test_failed_item_raises_at_the_same_item(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "chat_loop")
    texts = ["first", "second FAIL", "third"]
    rows_a, rows_b = [], []
    with pytest.raises(openai.OpenAIError) as sync_error:
        original.run([original.Ticket(i, t) for i, t in enumerate(texts)], rows_a)
    with pytest.raises(openai.OpenAIError) as batch_error:
        fixed.run([fixed.Ticket(i, t) for i, t in enumerate(texts)], rows_b)
    assert isinstance(sync_error.value, openai.BadRequestError)
    assert "bad_item" in str(batch_error.value) and "request 1" in str(batch_error.value)
    assert rows_a == rows_b and len(rows_b) == 1


def test_expired_batch_raises_at_the_first_unfinished_item(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "chat_loop")
    texts = ["one", "two", "three SLOW", "four"]
    rows_a, rows_b = [], []
    assert original.run([original.Ticket(i, t) for i, t in enumerate(texts)], rows_a) == 4
    with pytest.raises(openai.OpenAIError, match="batch_expired") as error:
        fixed.run([fixed.Ticket(i, t) for i, t in enumerate(texts)], rows_b)
    assert "(expired)" in str(error.value)
    assert rows_b == rows_a[:2]  # what finished before the window closed is kept, in order


def test_single_call(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "chat_single")
    rows_a, rows_b = [], []
    assert original.run("weekly numbers", rows_a) == fixed.run("weekly numbers", rows_b)
    assert rows_a == rows_b
    _assert_batched(server, 1, "/chat/completions", sleeps)


def test_responses_loop_with_assignment_before_the_call(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "responses_loop")
    items = ["alpha", "beta", "gamma delta"]
    rows_a, rows_b = [], []
    assert original.run(items, rows_a) == fixed.run(items, rows_b)
    assert rows_a == rows_b
    _assert_batched(server, 3, "/responses", sleeps)


def test_embeddings_loop(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "embeddings_loop")
    articles = {3: "gamma", 1: "alpha text", 2: "beta"}
    rows_a, rows_b = [], []
    assert original.run(articles, rows_a) == fixed.run(articles, rows_b) == 3
    assert rows_a == rows_b
    _assert_batched(server, 3, "/embeddings", sleeps)


def test_async_client_loop(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "async_chat")
    questions = ["why", "how", "when"]
    rows_a, rows_b = [], []
    assert asyncio.run(original.run(questions, rows_a)) == asyncio.run(fixed.run(questions, rows_b))
    assert rows_a == rows_b
    _assert_batched(server, 3, "/chat/completions", sleeps)


def test_groq_loop(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "groq_loop")
    texts = ["a", "bb", "ccc"]
    rows_a, rows_b = [], []
    assert original.run(texts, rows_a) == fixed.run(texts, rows_b)
    assert rows_a == rows_b
    assert server.count("POST", "/openai/v1/batches") == 1
    _assert_batched(server, 3, "/chat/completions", sleeps)


def test_groq_loop_over_its_limit_is_several_batches(server, sleeps, fixed_fixtures, monkeypatch):
    original, fixed = _pair(fixed_fixtures, "groq_loop")
    monkeypatch.setattr(fixed, "_GROQ_BATCH_MAX_REQUESTS", 1)
    texts = ["a", "bb", "ccc"]
    rows_a, rows_b = [], []
    assert original.run(texts, rows_a) == fixed.run(texts, rows_b)
    assert rows_a == rows_b
    assert server.count("POST", "/openai/v1/batches") == 3


def test_azure_loop_uses_the_batch_deployment(server, sleeps, fixed_fixtures):
    server.state["deployments"].update({"gpt-4o-mini-std": "gpt-4o-mini", "gpt-4o-mini-batch": "gpt-4o-mini"})
    original, fixed = _pair(fixed_fixtures, "azure_loop")
    texts = ["x", "yy"]
    rows_a, rows_b = [], []
    assert original.run(texts, rows_a) == fixed.run(texts, rows_b)
    assert rows_a == rows_b == ["gpt-4o-mini", "gpt-4o-mini"]
    assert server.count("POST", "/openai/deployments/gpt-4o-mini-std/chat/completions") == 2
    uploaded = next(iter(server.state["files"].values())).decode()
    assert '"model": "gpt-4o-mini-batch"' in uploaded and "gpt-4o-mini-std" not in uploaded
    _assert_batched(server, 2, "/chat/completions", sleeps)


def test_stream_then_batch(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "stream_concat")
    rows_a, rows_b = [], []
    assert original.run("release notes", rows_a) == fixed.run("release notes", rows_b)
    assert rows_a == rows_b and rows_a[0]
    _assert_batched(server, 1, "/chat/completions", sleeps)


def test_nothing_to_send_sends_no_batch(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "chat_loop")
    rows_a, rows_b = [], []
    assert original.run([original.Ticket(1, "x", skip=True)], rows_a) == fixed.run([fixed.Ticket(1, "x", skip=True)], rows_b) == 0
    assert rows_a == rows_b == ["skipped 1"]
    assert server.count("POST", "/files") == server.count("POST", "/batches") == 0


@pytest.mark.parametrize("limit, value, batches", [
    ("MAX_REQUESTS", 2, 3),  # 5 requests, 2 per file
    ("MAX_BYTES", 300, 5),  # each line is over 150 bytes: one per file
])
def test_a_loop_over_the_limits_is_split_into_several_batches_in_order(server, sleeps, fixed_fixtures, monkeypatch,
                                                                      limit, value, batches):
    original, fixed = _pair(fixed_fixtures, "chat_loop")
    monkeypatch.setattr(fixed, f"_OPENAI_BATCH_{limit}", value)
    texts = [f"ticket number {i}" for i in range(5)]
    rows_a, rows_b = [], []
    assert original.run([original.Ticket(i, t) for i, t in enumerate(texts)], rows_a) == 5
    assert fixed.run([fixed.Ticket(i, t) for i, t in enumerate(texts)], rows_b) == 5
    assert rows_b == rows_a  # same results, in the original order
    assert server.count("POST", "/files") == server.count("POST", "/batches") == batches
    assert sorted(len(f.splitlines()) for k, f in server.state["files"].items() if k in _inputs(server)) == sorted(
        [2, 2, 1] if batches == 3 else [1] * 5)


def test_embedding_inputs_are_counted_across_a_batch(server, sleeps, fixed_fixtures, monkeypatch):
    _, fixed = _pair(fixed_fixtures, "chat_single")
    monkeypatch.setattr(fixed, "_OPENAI_BATCH_MAX_EMBEDDING_INPUTS", 3)
    bodies = [{"model": "m", "input": ["a", "b"]}, {"model": "m", "input": "c"}, {"model": "m", "input": ["d", "e", "f"]},
              {"model": "m", "input": [1, 2, 3]}]
    results = list(fixed._openai_batch(fixed.client, "/v1/embeddings", bodies, openai.types.CreateEmbeddingResponse.model_validate))
    assert [r.model_dump(exclude_none=True) for r in results] == [
        openai.types.CreateEmbeddingResponse.model_validate(openai_api.answer("/v1/embeddings", b)[1]).model_dump(exclude_none=True)
        for b in bodies
    ]
    assert server.count("POST", "/batches") == 3  # [a b, c] [d e f] [tokens]


def test_a_failed_line_raises_the_status_error_the_sync_call_raises(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "chat_loop")
    with pytest.raises(openai.BadRequestError) as sync_error:
        original.run([original.Ticket(0, "a FAIL")], [])
    with pytest.raises(openai.BadRequestError) as batch_error:  # a caller's `except BadRequestError` still catches it
        fixed.run([fixed.Ticket(0, "a FAIL")], [])
    assert batch_error.value.status_code == sync_error.value.status_code == 400
    assert batch_error.value.code == sync_error.value.code == "bad_item"
    assert "cannot process: a FAIL" in str(batch_error.value)


def test_an_expired_line_raises_api_error(server, sleeps, fixed_fixtures):
    _, fixed = _pair(fixed_fixtures, "chat_loop")
    with pytest.raises(openai.APIError, match="batch_expired") as error:
        fixed.run([fixed.Ticket(0, "a SLOW one")], [])
    assert not isinstance(error.value, openai.APIStatusError)


def _inputs(server):
    return {b["input_file_id"] for b in server.state["batches"].values()}
