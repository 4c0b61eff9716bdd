"""google-genai: original and fixed jobs run with the real SDK against the fake Gemini API.

Same returns and rows; the fixed job reaches the API through one batch job (create, polls) and
no ``:generateContent`` call; a failed item raises ``genai.errors.APIError`` where the sync call
raised, after the same rows; an expired job raises at the first item.
"""
from __future__ import annotations

import asyncio

import pytest

from llm_latency_lint.fixes.providers import google

TOO_OLD = google.BATCH.requires.refusal()  # the fix is refused with an older google-genai
if TOO_OLD:
    pytest.skip(TOO_OLD, allow_module_level=True)

from google.genai import errors  # noqa: E402
from support.fakes import google_api
from support.fakes.server import FakeServer
from support.pairs import pair as _pair


@pytest.fixture()
def server(monkeypatch):
    with FakeServer([google_api.routes]) as fake:
        monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", fake.url)
        monkeypatch.setenv("GEMINI_API_KEY", "test")
        monkeypatch.delenv("GOOGLE_API_KEY", raising=False)
        yield fake


def _sync_calls(server):
    return server.count("POST", ":generateContent")


def _assert_batched(server, sync_before, sleeps):
    assert _sync_calls(server) == sync_before, "the fixed code made sync calls"
    assert server.count("POST", ":batchGenerateContent") == 1
    assert server.count("GET", "/batches/1") == 2
    assert sleeps == [30.0]  # running at the first poll, done at the second


PRODUCTS = [("kettle", "boils water fast"), ("mug", ""), ("teapot", "holds four cups")]


def test_loop_same_results_and_rows(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "gemini_loop")
    rows_a, rows_b = [], []
    out_a = original.run(PRODUCTS, rows_a)
    assert _sync_calls(server) == 2
    out_b = fixed.run(PRODUCTS, rows_b)
    assert out_a == out_b == 2 * 6 + len("Write a blurb: boils water fast") + len("Write a blurb: holds four cups")
    assert rows_a == rows_b
    assert rows_a[0] == "kettle: gemini-2.5-flash@0.3: WRITE A BLURB: BOILS WATER FAST"  # the config reached the model
    _assert_batched(server, 2, sleeps)


def test_failed_item_raises_at_the_same_item(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "gemini_loop")
    products = [("a", "fine"), ("b", "this FAILs"), ("c", "never reached")]
    rows_a, rows_b = [], []
    with pytest.raises(errors.ClientError):
        original.run(products, rows_a)
    with pytest.raises(errors.ClientError, match="request 1 failed: cannot process") as error:
        fixed.run(products, rows_b)  # a caller's `except errors.ClientError` still catches it
    assert error.value.code == 400
    assert rows_a == rows_b and len(rows_b) == 1


def test_expired_job_raises_at_the_first_item(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "gemini_loop")
    products = [("a", "one"), ("b", "two SLOW")]
    rows_a, rows_b = [], []
    assert original.run(products, rows_a) > 0
    with pytest.raises(errors.APIError, match="JOB_STATE_EXPIRED.*request 0 failed: no response in the job"):
        fixed.run(products, rows_b)
    assert rows_b == []


def test_async_aio_client_single_call(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "gemini_async")
    rows_a, rows_b = [], []
    assert asyncio.run(original.run("why is the sky blue", rows_a)) == asyncio.run(fixed.run("why is the sky blue", rows_b))
    assert rows_a == rows_b == ["gemini-2.5-flash-lite"]
    _assert_batched(server, 1, sleeps)


def test_over_the_size_limit_several_jobs_same_results_in_order(server, sleeps, fixed_fixtures, monkeypatch):
    original, fixed = _pair(fixed_fixtures, "gemini_loop")
    monkeypatch.setattr(fixed, "_GEMINI_BATCH_MAX_BYTES", 200)  # each inline request is over 100 bytes
    rows_a, rows_b = [], []
    assert original.run(PRODUCTS, rows_a) == fixed.run(PRODUCTS, rows_b)
    assert rows_a == rows_b
    assert server.count("POST", ":batchGenerateContent") == 2  # the two products with a description
    assert [len(job["items"]) for job in server.state["gemini_jobs"].values()] == [1, 1]
