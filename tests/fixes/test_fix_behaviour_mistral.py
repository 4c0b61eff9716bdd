"""Mistral: original and fixed jobs run with the real ``mistralai`` SDK against the fake API.

Same returns and rows; the fixed job reaches the API through one inline batch job (create,
polls) and no ``/v1/chat/completions`` call; a failed item raises ``SDKError`` with the item's
status where the sync call raised, after the same rows; a job that ran out of time raises at
the first request without output, keeping the rows before it.
"""
from __future__ import annotations

import asyncio

import pytest

from llm_latency_lint.fixes.providers import mistral

TOO_OLD = mistral.BATCH.requires.refusal()  # the fix is refused with an older mistralai
if TOO_OLD:
    pytest.skip(TOO_OLD, allow_module_level=True)

from mistralai.client import errors  # noqa: E402
from support.fakes import mistral_api
from support.fakes.server import FakeServer
from support.pairs import pair as _pair


@pytest.fixture()
def server(monkeypatch):
    with FakeServer([mistral_api.routes]) as fake:
        monkeypatch.setenv("MISTRAL_SERVER_URL", fake.url)
        monkeypatch.setenv("MISTRAL_API_KEY", "test")
        yield fake


def _assert_batched(server, sync_before, sleeps):
    assert server.count("POST", "/v1/chat/completions") == sync_before, "the fixed code made sync calls"
    assert server.count("POST", "/v1/batch/jobs") == 1
    assert sleeps == [30.0]


TITLES = ["printer on fire", "lost badge", "vpn down again"]


@pytest.mark.parametrize("outputs", ["with status_code", "body only"])
def test_loop_same_results_and_rows(server, sleeps, fixed_fixtures, outputs):
    server.state["mistral_outputs"] = outputs
    original, fixed = _pair(fixed_fixtures, "mistral_loop")
    rows_a, rows_b = [], []
    out_a = original.run(TITLES, rows_a)
    assert server.count("POST", "/v1/chat/completions") == 3
    assert original.run(TITLES, []) == out_a  # deterministic
    out_b = fixed.run(TITLES, rows_b)
    assert out_a == out_b > 0
    assert rows_a == rows_b
    assert rows_a[0] == "printer on fire -> mistral-small-latest/0.1: fire on printer for: tags Suggest"
    _assert_batched(server, 6, sleeps)


def test_failed_item_raises_sdk_error_at_the_same_item(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "mistral_loop")
    titles = ["fine", "a FAIL here", "never reached"]
    rows_a, rows_b = [], []
    with pytest.raises(errors.SDKError) as sync_error:
        original.run(titles, rows_a)
    with pytest.raises(errors.SDKError, match="request 1 failed") as batch_error:
        fixed.run(titles, rows_b)
    assert sync_error.value.status_code == batch_error.value.status_code == 400
    assert "bad_item" in batch_error.value.body
    assert rows_a == rows_b and len(rows_b) == 1


def test_timed_out_job_raises_at_the_first_unfinished_item(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "mistral_loop")
    titles = ["one", "two", "three SLOW", "four"]
    rows_a, rows_b = [], []
    assert original.run(titles, rows_a) > 0
    with pytest.raises(errors.SDKError, match=r"\(TIMEOUT_EXCEEDED\): request 2 failed"):
        fixed.run(titles, rows_b)
    assert rows_b == rows_a[:2]


def test_async_twin_single_call(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "mistral_async")
    rows_a, rows_b = [], []
    assert asyncio.run(original.run("hello", rows_a)) == asyncio.run(fixed.run("hello", rows_b)) == "mistral-large-latest"
    assert rows_a == rows_b
    _assert_batched(server, 1, sleeps)


def test_over_the_request_limit_several_jobs_same_results_in_order(server, sleeps, fixed_fixtures, monkeypatch):
    original, fixed = _pair(fixed_fixtures, "mistral_loop")
    monkeypatch.setattr(fixed, "_MISTRAL_BATCH_MAX_REQUESTS", 2)
    titles = [f"title {i}" for i in range(5)]
    rows_a, rows_b = [], []
    assert original.run(titles, rows_a) == fixed.run(titles, rows_b)
    assert rows_a == rows_b and len(rows_a) == 5
    assert server.count("POST", "/v1/batch/jobs") == 3
    assert sorted(len(r) for r in server.state["mistral_requests"].values()) == [1, 2, 2]
