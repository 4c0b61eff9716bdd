"""Anthropic: original and fixed jobs run with the real ``anthropic`` SDK against the fake API.

Same returns and rows; the fixed job reaches the API through one message batch (create, polls,
results) and no ``/v1/messages`` call; an errored item raises where the sync call raised, after
the same rows; an expired item raises at that item, keeping the rows before it.
"""
from __future__ import annotations

import asyncio

import anthropic
import pytest
from support.fakes import anthropic_api
from support.fakes.server import FakeServer
from support.pairs import pair as _pair


@pytest.fixture()
def server(monkeypatch):
    with FakeServer([anthropic_api.routes]) as fake:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "test")
        yield fake


def _assert_batched(server, sync_before, sleeps):
    assert server.count("POST", "/v1/messages") == sync_before, "the fixed code made sync calls"
    assert server.count("POST", "/v1/messages/batches") == 1
    assert server.count("GET", "/results") == 1
    assert sleeps and all(s == 30.0 for s in sleeps), sleeps


NOTES = {"b": "second note", "a": "first note", "c": "", "d": "a longer fourth note"}


def test_loop_same_results_and_rows(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "anthropic_loop")
    rows_a, rows_b = [], []
    out_a = original.run(NOTES, rows_a)
    assert server.count("POST", "/v1/messages") == 3
    out_b = fixed.run(NOTES, rows_b)
    assert out_a == out_b == 27
    assert rows_a == rows_b and len(rows_a) == 3 and rows_a[0].startswith("a: digest[300]")
    _assert_batched(server, 3, sleeps)


def test_errored_item_raises_at_the_same_item(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "anthropic_loop")
    notes = {"1": "fine", "2": "this one FAILs", "3": "never reached"}
    rows_a, rows_b = [], []
    with pytest.raises(anthropic.BadRequestError):
        original.run(notes, rows_a)
    with pytest.raises(anthropic.BadRequestError, match="request 1 failed: invalid_request_error: cannot process") as error:
        fixed.run(notes, rows_b)  # a caller's `except anthropic.BadRequestError` still catches it
    assert error.value.status_code == 400
    assert rows_a == rows_b and len(rows_b) == 1


def test_expired_item_raises_there_and_keeps_earlier_rows(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "anthropic_loop")
    notes = {"1": "one", "2": "two", "3": "three SLOW", "4": "four"}
    rows_a, rows_b = [], []
    assert original.run(notes, rows_a) == 36
    with pytest.raises(anthropic.APIError, match="request 2 failed: expired") as error:
        fixed.run(notes, rows_b)
    assert not isinstance(error.value, anthropic.APIStatusError)
    assert rows_b == rows_a[:2]


@pytest.mark.parametrize("limit, value, batches", [("MAX_REQUESTS", 2, 2), ("MAX_BYTES", 200, 3)])
def test_over_the_limits_several_batches_same_results_in_order(server, sleeps, fixed_fixtures, monkeypatch,
                                                               limit, value, batches):
    original, fixed = _pair(fixed_fixtures, "anthropic_loop")
    monkeypatch.setattr(fixed, f"_ANTHROPIC_BATCH_{limit}", value)
    rows_a, rows_b = [], []
    assert original.run(NOTES, rows_a) == fixed.run(NOTES, rows_b)
    assert rows_a == rows_b and len(rows_a) == 3
    assert server.count("POST", "/v1/messages/batches") == server.count("GET", "/results") == batches
    assert sorted(len(r) for r in server.state["anthropic_requests"].values()) == ([1, 2] if batches == 2 else [1, 1, 1])


def test_async_alias_single_call(server, sleeps, fixed_fixtures):
    original, fixed = _pair(fixed_fixtures, "anthropic_async")
    rows_a, rows_b = [], []
    assert asyncio.run(original.run("quarterly report", rows_a)) == asyncio.run(fixed.run("quarterly report", rows_b))
    assert rows_a == rows_b and rows_a[0].startswith("msg_")
    _assert_batched(server, 1, sleeps)
