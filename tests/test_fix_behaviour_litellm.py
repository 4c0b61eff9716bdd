"""LiteLLM: original and fixed jobs run with the real ``litellm`` against the fake OpenAI API.

``litellm.completion`` and LiteLLM's files/batches functions reach the fake through
``OPENAI_BASE_URL`` (litellm routes ``openai/...`` models and ``custom_llm_provider="openai"``
through the ``openai`` SDK) and ``AZURE_API_BASE`` (``azure/...``: ``AzureOpenAI``). Same returns and rows; the fixed job makes no
``/v1/chat/completions`` call, uploads one input file and creates one batch whose lines carry
the request without the provider prefix or the call's timeout; a failed item raises
``litellm.exceptions.APIError`` with the item's status where the sync call raised
``litellm.BadRequestError``, after the same rows; an expired batch raises ``batch_expired`` at the
first unfinished item, keeping the rows before it.
"""
from __future__ import annotations

import asyncio
import json

import openai
import pytest

from fakes import openai_api
from fakes.server import FakeServer
from test_fix_behaviour import _pair, sleeps  # noqa: F401  (shared fixture)

litellm = pytest.importorskip("litellm", reason="litellm needs Python 3.10")


@pytest.fixture()
def server(monkeypatch):
    with FakeServer([openai_api.routes]) as fake:
        monkeypatch.setenv("OPENAI_BASE_URL", f"{fake.url}/v1")
        monkeypatch.setenv("OPENAI_API_KEY", "test")
        monkeypatch.setenv("AZURE_API_BASE", fake.url)
        monkeypatch.setenv("AZURE_API_KEY", "test")
        monkeypatch.setenv("AZURE_API_VERSION", "2024-10-21")
        yield fake


def _assert_batched(server, sync_before, sleeps):
    assert server.count("POST", "/chat/completions") == sync_before, "the fixed code made sync calls"
    assert server.count("POST", "/files") == 1
    assert server.count("POST", "/batches") == 1
    assert server.count("GET", "/content") >= 1  # an async client may retry a read on a dropped connection
    assert sleeps == [30.0]  # validating -> in_progress -> completed: one wait between polls


def _uploaded_lines(server):
    (content,) = [data for file_id, data in server.state["files"].items() if file_id == "file-1"]
    return [json.loads(line) for line in content.decode().splitlines()]


CHANGES = {"a1f": "fix login redirect", "b2e": "", "c3d": "faster search index"}


def test_loop_same_results_and_rows(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "litellm_loop")
    rows_a, rows_b = [], []
    out_a = original.run(CHANGES, rows_a)
    assert server.count("POST", "/v1/chat/completions") == 2  # the empty change is skipped
    out_b = fixed.run(CHANGES, rows_b)
    assert out_a == out_b > 0
    assert rows_a == rows_b
    assert rows_a[0] == "a1f: summary[gpt-4o-mini]: tcerider nigol xif | .seton esaeler fo enil eno etirW"
    assert rows_a[1] == "b2e: empty"
    _assert_batched(server, 2, sleeps)
    lines = _uploaded_lines(server)
    assert [line["custom_id"] for line in lines] == ["request-0", "request-1"]
    assert {line["url"] for line in lines} == {"/v1/chat/completions"}
    assert [sorted(line["body"]) for line in lines] == [["messages", "model", "temperature"]] * 2
    assert {line["body"]["model"] for line in lines} == {"gpt-4o-mini"}  # no "openai/" prefix, as litellm sends it


def test_failed_item_raises_api_error_at_the_same_item(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "litellm_loop")
    changes = {"one": "fine", "two": "a FAIL here", "three": "never reached"}
    rows_a, rows_b = [], []
    with pytest.raises(openai.OpenAIError) as sync_error:
        original.run(changes, rows_a)
    with pytest.raises(litellm.exceptions.APIError, match="request 1 failed: bad_item") as batch_error:
        fixed.run(changes, rows_b)
    assert isinstance(sync_error.value, litellm.BadRequestError)
    assert sync_error.value.status_code == batch_error.value.status_code == 400
    assert isinstance(batch_error.value, openai.APIError)  # one `except openai.APIError` catches both
    assert rows_a == rows_b and len(rows_b) == 1


def test_expired_batch_raises_at_the_first_unfinished_item(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "litellm_loop")
    changes = {"one": "first", "two": "second", "three": "third SLOW", "four": "fourth"}
    rows_a, rows_b = [], []
    assert original.run(changes, rows_a) > 0
    with pytest.raises(litellm.exceptions.APIError, match=r"\(expired\): request 2 failed: batch_expired"):
        fixed.run(changes, rows_b)
    assert rows_b == rows_a[:2]  # what finished before the window closed is kept, in order


def test_nothing_to_send_sends_no_batch(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "litellm_loop")
    rows_a, rows_b = [], []
    assert original.run({"x": ""}, rows_a) == fixed.run({"x": ""}, rows_b) == 0
    assert rows_a == rows_b == ["x: empty"]
    assert server.log == []


def test_single_call_from_import_with_explicit_provider(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "litellm_single")
    rows_a, rows_b = [], []
    assert original.run("weekly numbers", rows_a) == fixed.run("weekly numbers", rows_b) == "summary[gpt-4o-mini]: srebmun ylkeew"
    assert rows_a == rows_b  # the response id is a digest of the request body: the same request was sent
    _assert_batched(server, 1, sleeps)
    (line,) = _uploaded_lines(server)
    assert line["body"] == {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "weekly numbers"}]}


def test_async_loop_under_an_alias(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "litellm_async")
    questions = ["why is the sky blue", "what is a batch"]
    rows_a, rows_b = [], []
    out_a = asyncio.run(original.run(questions, rows_a))
    out_b = asyncio.run(fixed.run(questions, rows_b))
    assert out_a == out_b and len(out_a) == 2
    assert rows_a == rows_b == ["gpt-4o-mini", "gpt-4o-mini"]
    _assert_batched(server, 2, sleeps)


def test_a_result_is_what_completion_returns(server, sleeps, fixed_fixtures):
    """Field by field, the batch result equals the sync call's ``ModelResponse`` for an OpenAI body."""
    original, fixed = _pair(fixed_fixtures, "litellm_loop")
    messages = [{"role": "user", "content": "compare me"}]
    sync = litellm.completion(model="openai/gpt-4o-mini", messages=messages)
    (batched,) = list(fixed._litellm_batch("openai", [{"model": "openai/gpt-4o-mini", "messages": messages}]))
    assert isinstance(batched, litellm.ModelResponse)
    for field in ("id", "created", "model", "object"):
        assert getattr(batched, field) == getattr(sync, field), field
    assert batched.choices[0].message.model_dump() == sync.choices[0].message.model_dump()
    assert batched.choices[0].finish_reason == sync.choices[0].finish_reason
    assert batched.usage.model_dump() == sync.usage.model_dump()


def test_azure_loop_uses_the_batch_deployment(server, sleeps, fixed_fixtures):
    server.state["deployments"].update({"gpt-4o-mini-std": "gpt-4o-mini", "gpt-4o-mini-batch": "gpt-4o-mini"})
    original, fixed = _pair(fixed_fixtures, "litellm_azure")
    texts = ["x", "yy"]
    rows_a, rows_b = [], []
    assert original.run(texts, rows_a) == fixed.run(texts, rows_b)
    assert rows_a == rows_b == ["gpt-4o-mini", "gpt-4o-mini"]
    assert server.count("POST", "/openai/deployments/gpt-4o-mini-std/chat/completions") == 2
    assert server.count("POST", "/openai/files") == server.count("POST", "/openai/batches") == 1
    assert {line["body"]["model"] for line in _uploaded_lines(server)} == {"gpt-4o-mini-batch"}
    _assert_batched(server, 2, sleeps)
