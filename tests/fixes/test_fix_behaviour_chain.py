"""Batch at a loop that reaches the call through other functions, run: the chain fixture
(``tests/fixtures/fix_chain``) and its fixed copy against the fake OpenAI server on 127.0.0.1,
with the real ``openai`` client, through the generated helper module.

``nightly`` calls ``summarize_ticket`` -> ``summarize`` once per ticket inside a per-ticket
``try/except openai.BadRequestError``; ``weekly`` calls ``note_for`` -> ``summarize_ticket`` ->
``summarize``; ``summarize_all`` makes the call in its own loop inside a per-item ``try``. The fixed code sends one batch per loop, returns what the original returned,
leaves the same side effects in the same order, and a failed item raises the SDK's own
``BadRequestError`` at that item (caught by the loop's handler) while the items after it still
get their results.
"""
from __future__ import annotations

import importlib
import shutil
import sys
import time
from types import SimpleNamespace

import openai
import pytest
from support.fakes import openai_api
from support.fakes.server import FakeServer
from support.paths import FIXTURES

from llm_latency_lint.config import parse
from llm_latency_lint.fixes import FixOptions, fix_paths

CHAIN = FIXTURES / "fix_chain"


def _load(folder, monkeypatch) -> SimpleNamespace:
    """``chainapp``'s modules imported from ``folder`` (then forgotten, so another copy can load)."""
    monkeypatch.syspath_prepend(str(folder))
    for name in [m for m in sys.modules if m == "chainapp" or m.startswith("chainapp.")]:
        monkeypatch.delitem(sys.modules, name)
    loaded = SimpleNamespace(nightly=importlib.import_module("chainapp.nightly"),
                             tickets=importlib.import_module("chainapp.tickets"),
                             summarize=importlib.import_module("chainapp.summarize"))
    for name in [m for m in sys.modules if m == "chainapp" or m.startswith("chainapp.")]:
        del sys.modules[name]
    sys.path.remove(str(folder))
    return loaded


@pytest.fixture
def pair(tmp_path, monkeypatch):
    """(original package, fixed package, fake server)."""
    original, project = tmp_path / "original", tmp_path / "project"
    shutil.copytree(CHAIN, original)
    shutil.copytree(CHAIN, project)
    report = fix_paths([project], parse({}, "test"), FixOptions(unsafe=True), write=True)
    assert not report.errors
    assert sorted(report.fixed) == ["chainapp/_llm_batch.py", "chainapp/nightly.py", "chainapp/notes.py",
                                    "chainapp/summarize.py", "chainapp/tickets.py"]
    monkeypatch.setattr(time, "sleep", lambda seconds: None)
    with FakeServer([openai_api.routes]) as fake:
        monkeypatch.setenv("OPENAI_BASE_URL", f"{fake.url}/v1")
        monkeypatch.setenv("OPENAI_API_KEY", "test")
        yield _load(original, monkeypatch), _load(project, monkeypatch), fake


def _tickets(module, texts):
    return [module.tickets.Ticket(index + 1, text) for index, text in enumerate(texts)]


def test_a_chain_of_two_with_a_per_item_try_keeps_going_after_a_failed_item(pair):
    original, fixed, fake = pair
    texts = ["printer jammed", "second FAIL", "refund for order 42", "FAIL again", "password reset"]
    before, after = _tickets(original, texts), _tickets(fixed, texts)
    assert original.nightly.nightly(before) == 2
    sync = fake.count("POST", "/chat/completions")
    assert sync == len(texts)
    assert fixed.nightly.nightly(after) == 2  # the two bad tickets caught by the loop's own handler
    assert fake.count("POST", "/chat/completions") == sync  # no sync call from the fixed code
    assert fake.count("POST", "/batches") == 1 and fake.count("POST", "/files") == 1  # one batch per run
    assert [(t.summary, t.log) for t in after] == [(t.summary, t.log) for t in before]
    assert after[1].log == ["failed"] and after[2].log == ["summarized 3", "saved"]  # the run went on, in order
    assert all(t.summary for i, t in enumerate(after) if "FAIL" not in texts[i])


def test_a_failed_item_raises_the_sdk_error_at_its_own_result_and_the_next_still_comes(pair):
    _, fixed, fake = pair
    tickets = _tickets(fixed, ["alpha", "beta FAIL", "gamma"])
    results = fixed.tickets.summarize_ticket_batch(tickets)
    first = next(results)
    assert first and tickets[0].summary == first and tickets[1].log == []  # lazily, item by item
    with pytest.raises(openai.BadRequestError) as error:
        next(results)
    assert "request 1" in str(error.value) and error.value.status_code == 400
    assert next(results) == tickets[2].summary != ""
    with pytest.raises(StopIteration):
        next(results)
    assert fake.count("POST", "/batches") == 1


def test_a_chain_of_three_returns_the_same_note_from_one_batch(pair):
    original, fixed, fake = pair
    texts = ["alpha", "beta", "gamma", "delta"]
    before, after = _tickets(original, texts), _tickets(fixed, texts)
    assert fixed.nightly.weekly(after) == original.nightly.weekly(before)
    assert [t.log for t in after] == [t.log for t in before] == [[f"summarized {i}"] for i in range(1, 5)]
    assert fake.count("POST", "/chat/completions") == len(texts) and fake.count("POST", "/batches") == 1


def test_a_failed_item_in_a_loop_without_try_stops_it_there_as_the_original_does(pair):
    original, fixed, _ = pair
    texts = ["alpha", "beta FAIL", "gamma"]
    before, after = _tickets(original, texts), _tickets(fixed, texts)
    with pytest.raises(openai.BadRequestError):
        original.nightly.weekly(before)
    with pytest.raises(openai.BadRequestError) as error:
        fixed.nightly.weekly(after)
    assert "request 1" in str(error.value)
    assert [t.log for t in after] == [t.log for t in before] == [["summarized 1"], [], []]


def test_an_empty_run_sends_nothing(pair):
    _, fixed, fake = pair
    assert fixed.nightly.nightly([]) == 0 and fixed.nightly.weekly([]) == ""
    assert fake.count("POST", "/batches") == 0


def test_a_per_item_try_in_the_calls_own_loop_keeps_going_after_a_failed_item(pair):
    original, fixed, fake = pair
    texts = ["alpha", "beta FAIL", "gamma", "delta FAIL400"]
    expected = original.summarize.summarize_all(texts)
    assert expected[1] is None and expected[3] is None and expected[0] and expected[2]
    assert fixed.summarize.summarize_all(texts) == expected
    assert fake.count("POST", "/batches") == 1
