"""LiteLLM: original and fixed jobs run with the real ``litellm`` against the fake OpenAI API.

``litellm.completion`` and LiteLLM's files/batches functions reach the fake through
``OPENAI_BASE_URL`` (litellm routes ``openai/...`` models and ``custom_llm_provider="openai"``
through the ``openai`` SDK) and ``AZURE_API_BASE`` (``azure/...``: ``AzureOpenAI``). Same returns and rows; the fixed job makes no
``/v1/chat/completions`` call, uploads one input file and creates one batch whose lines carry
the request without the provider prefix or the call's timeout (several files and batches when
the ``_LITELLM_BATCH_*`` limits are patched down, all submitted before the first poll); a failed
item raises the litellm exception class the sync call raised for its status, after the same rows;
an expired batch raises ``batch_expired`` at the first unfinished item, keeping the rows before it.
"""
from __future__ import annotations

import asyncio
import gc
import json
import time
import warnings

import openai
import pytest
from support.fakes import openai_api
from support.fakes.server import FakeServer
from support.pairs import pair as _pair

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


def run_async(coroutine):
    """``asyncio.run`` that lets LiteLLM's logging worker finish before the loop closes. After
    ``aretrieve_batch`` returns a completed batch, LiteLLM prices it in the background: its logging
    worker downloads the output file again (``afile_content``, through a thread). When the loop
    closed first, that task was cancelled while the thread ran, the ``OpenAIFilesAPI.afile_content``
    coroutine the thread returned was dropped, and "coroutine ... was never awaited" was warned:
    intermittently, as it depended on which finished first."""
    from litellm.litellm_core_utils.logging_worker import GLOBAL_LOGGING_WORKER

    async def main():
        try:
            return await coroutine
        finally:
            await GLOBAL_LOGGING_WORKER.flush()

    return asyncio.run(main())


def _assert_batched(server, sync_before, sleeps):
    assert server.count("POST", "/chat/completions") == sync_before, "the fixed code made sync calls"
    assert server.count("POST", "/files") == 1
    assert server.count("POST", "/batches") == 1
    assert server.count("GET", "/content") >= 1  # LiteLLM's async logging reads the output file again to price it
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


def test_failed_item_raises_the_sync_calls_error_at_the_same_item(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "litellm_loop")
    changes = {"one": "fine", "two": "a FAIL here", "three": "never reached"}
    rows_a, rows_b = [], []
    with pytest.raises(litellm.BadRequestError) as sync_error:
        original.run(changes, rows_a)
    with pytest.raises(litellm.BadRequestError, match="request 1 failed: bad_item") as batch_error:
        fixed.run(changes, rows_b)  # a caller's `except litellm.BadRequestError` still catches it
    assert type(batch_error.value) is type(sync_error.value)
    assert sync_error.value.status_code == batch_error.value.status_code == 400
    assert batch_error.value.llm_provider == sync_error.value.llm_provider == "openai"
    assert rows_a == rows_b and len(rows_b) == 1


@pytest.mark.parametrize("status", [401, 403, 404, 422, 429, 500, 502, 503])
@pytest.mark.parametrize("fixture", ["litellm_loop", "litellm_azure"])
def test_each_status_raises_the_class_completion_raises_for_it(server, sleeps, fixed_fixtures, monkeypatch, status, fixture):
    monkeypatch.setattr(litellm, "num_retries", 0)
    monkeypatch.setenv("OPENAI_MAX_RETRIES", "0")
    server.state["deployments"].update({"gpt-4o-mini-std": "gpt-4o-mini", "gpt-4o-mini-batch": "gpt-4o-mini"})
    original, fixed = _pair(fixed_fixtures, fixture)
    args = ({"one": f"a FAIL{status}"}, []) if fixture == "litellm_loop" else ([f"a FAIL{status}"], [])
    with pytest.raises(openai.APIError) as sync_error:
        original.run(*args)
    with pytest.raises(openai.APIError, match="request 0 failed: bad_item") as batch_error:
        fixed.run(*args)
    assert type(batch_error.value) is type(sync_error.value), status
    assert type(batch_error.value).__module__ == "litellm.exceptions"
    assert batch_error.value.status_code == sync_error.value.status_code


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
    out_a = run_async(original.run(questions, rows_a))
    out_b = run_async(fixed.run(questions, rows_b))
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


def _submitted_before_polled(server):
    """Every file upload and batch creation came before the first status poll."""
    polls = [i for i, (m, p) in enumerate(server.log) if m == "GET" and "/batches/" in p]
    sends = [i for i, (m, p) in enumerate(server.log) if m == "POST" and p.endswith(("/files", "/batches"))]
    return polls and sends and max(sends) < min(polls)


@pytest.mark.parametrize("limit, value, batches, sizes", [
    ("MAX_REQUESTS", 2, 3, [2, 2, 1]),  # 5 requests, 2 per file
    ("MAX_BYTES", 250, 5, [1] * 5),  # each line is over 200 bytes: one per file
])
def test_a_loop_over_the_limits_is_several_batches_in_order(server, sleeps, fixed_fixtures, monkeypatch,
                                                            limit, value, batches, sizes):
    original, fixed = _pair(fixed_fixtures, "litellm_loop")
    monkeypatch.setattr(fixed, f"_LITELLM_BATCH_{limit}", value)
    changes = {f"c{i}": f"change number {i}" for i in range(5)}
    rows_a, rows_b = [], []
    assert original.run(changes, rows_a) == fixed.run(changes, rows_b) > 0
    assert rows_b == rows_a and len(rows_a) == 5  # same results, in the original order
    assert server.count("POST", "/v1/files") == server.count("POST", "/v1/batches") == batches
    inputs = {b["input_file_id"] for b in server.state["batches"].values()}
    uploaded = [[json.loads(line)["custom_id"] for line in server.state["files"][i].decode().splitlines()] for i in sorted(inputs)]
    assert [len(ids) for ids in uploaded] == sizes
    assert sum(uploaded, []) == [f"request-{i}" for i in range(5)]
    assert _submitted_before_polled(server)


def test_an_async_loop_over_the_limit_is_several_batches_in_order(server, sleeps, fixed_fixtures, monkeypatch):
    original, fixed = _pair(fixed_fixtures, "litellm_async")
    monkeypatch.setattr(fixed, "_LITELLM_BATCH_MAX_REQUESTS", 1)
    questions = ["why is the sky blue", "what is a batch", "how long is a day"]
    rows_a, rows_b = [], []
    out_a = run_async(original.run(questions, rows_a))
    out_b = run_async(fixed.run(questions, rows_b))
    assert out_a == out_b and len(set(out_a)) == 3  # distinct answers, in the original order
    assert rows_a == rows_b
    assert server.count("POST", "/v1/batches") == 3
    assert _submitted_before_polled(server)


def test_litellm_background_pricing_is_awaited_before_the_loop_closes(server, sleeps, fixed_fixtures, monkeypatch):
    """The cause of the intermittent 'coroutine OpenAIFilesAPI.afile_content was never awaited',
    made certain: LiteLLM's own second download of the output file (to price the batch) is slow, so
    the fixed job returns first. ``run_async`` waits for it; a bare ``asyncio.run`` dropped it."""
    _, fixed = _pair(fixed_fixtures, "litellm_async")
    real = server.dispatch
    seen = []

    def slow_second_read(request):
        if request.method == "GET" and request.path.endswith("/content"):
            seen.append(request.path)
            if seen.count(request.path) > 1:
                time.sleep(0.5)
        return real(request)

    monkeypatch.setattr(server, "dispatch", slow_second_read)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = run_async(fixed.run(["why is the sky blue"], []))
        gc.collect()
    assert len(out) == 1
    assert [str(w.message) for w in caught if "never awaited" in str(w.message)] == []
