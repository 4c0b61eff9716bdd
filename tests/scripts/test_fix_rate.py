"""scripts/fix_rate.py: outcomes read as modes and refusal categories, matched to labels, tallied, checked."""
from __future__ import annotations

import sys
from collections import Counter

import pytest
from support.paths import REPO

sys.path.insert(0, str(REPO / "scripts"))
from corpus import Label  # noqa: E402
from fix_rate import changed, check_files, map_back, new_errors  # noqa: E402
from fix_rate_tally import (  # noqa: E402
    Outcome,
    leading_reason,
    match_sites,
    mode_of,
    outside_labels,
    refusal_category,
    render_table,
    tally,
)

WHY = "[mode: batch; why: scheduled: the batch API, at its loop or of one where nothing iterates over it]"


def _label(path, line, cls="scheduled"):
    return Label(path, line, "openai", "client.chat.completions.create", cls, [])


def _applied(path, line, reason, code="LLM001"):
    return Outcome(path, line, code, "applied", reason)


@pytest.mark.parametrize("reason, code, mode", [
    (f"build the requests, submit them as one OpenAI batch and wait, then run the loop body on the results {WHY}",
     "LLM001", "batch at the loop"),
    (f"submit the request as a one-request OpenAI batch and wait for it {WHY}", "LLM001", "batch of one"),
    ("batch at the caller's loop (jobs.py:9, `run`): `summarize_batch` sends the requests of `summarize` as one "
     f"OpenAI batch and runs the rest of it on the results, in order {WHY}", "LLM001", "batch at the caller's loop"),
    ('use the OpenAI flex tier (service_tier="flex", timeout 900 s) [mode: flex; why: batch refused: x]',
     "LLM001", "flex (OpenAI)"),
    ("use the Gemini flex tier (service_tier flex, timeout 900 s, 8 attempts) [mode: flex; why: y]",
     "LLM001", "flex (Gemini)"),
    ("run it in OpenAI background mode with the 2h completion window (30% off) [mode: background; why: z]",
     "LLM002", "background window 2h"),
    ("request the whole response instead of a stream nobody reads live", "LLM004",
     "whole response instead of an unread stream"),
])
def test_mode_of_an_applied_fix(reason, code, mode):
    assert mode_of(_applied("a.py", 1, reason, code)) == mode


@pytest.mark.parametrize("reason, category", [
    ("`summarize` (jobs.py:4) is called once per item from the for loop at jobs.py:9: a batch of one here would "
     "submit one batch per item, one after another; batch at that loop instead", "per-item path the fix cannot restructure"),
    ("`break` inside the loop (line 12): the original stops making requests early, a batch would send them all",
     "loop stops early (break/return/yield)"),
    ("time-critical side effect (paging, SMS, alerting): pages on-call; a batch (up to 24 h) would hold that back",
     "time-critical side effect"),
    ("no batch rewrite for langchain invoke yet (also tried: flex refused: no flex rewrite for langchain invoke yet)",
     "no batch rewrite for langchain invoke"),
    ("no embedding-list rewrite for vertexai get_embeddings yet", "no embedding-list rewrite for vertexai get_embeddings"),
    ("internal error in the batch fixer: KeyError: 'x'", "fixer error"),
    ("raw HTTP request to OpenRouter (`POST:openrouter.ai/chat/completions`): the fixes rewrite SDK calls, not "
     "hand-built requests", "raw HTTP request"),
    ("module-level Ollama client (`ollama.chat`): bind a client object first", "module-level client"),
    ("the call sets timeout=30 s; a flex request may take up to 900 s, so it would time out: raise the timeout first",
     "own timeout too short for flex"),
    ("the client's base_url is `settings.LLM_URL`: the OpenAI Batch API and flex tier exist only on api.openai.com",
     "client's base_url is not OpenAI's"),
    ("every trigger reaching the call is a GitHub Actions workflow run on its `schedule:` (daily.yml:4): a GitHub "
     "Actions job is cancelled after 6 h", "GitHub Actions schedule (6 h job limit)"),
    ("`fetch` is called from a retry/fallback loop at api.py:12: a batch there would send every attempt",
     "retry / fallback loop"),
])
def test_refusal_category(reason, category):
    assert refusal_category(reason) == category


def test_an_unknown_refusal_is_its_own_category_without_names_or_numbers():
    category = refusal_category("the moon is in `Aries` on line 12 (also tried: flex refused: nope)")
    assert category.startswith("other: ") and "Aries" not in category and "12" not in category
    assert leading_reason("first (also tried: second)") == "first"


def test_labels_match_on_the_line_then_within_two_lines_and_each_once():
    labels = [_label("a.py", 10), _label("a.py", 11), _label("b.py", 5, "near-real-time"), _label("c.py", 3)]
    outcomes = [
        _applied("a.py", 10, f"submit the request as a one-request OpenAI batch and wait for it {WHY}"),
        Outcome("a.py", 12, "LLM001", "skipped", "`return` inside the loop (line 14): stops early"),
        Outcome("b.py", 9, "LLM002", "skipped", "far away: not this label"),
    ]
    sites = match_sites("o/r", labels, outcomes, {("c.py", 4): "unknown"})
    got = {(s.path, s.line): (s.status, s.detail) for s in sites}
    assert got == {
        ("a.py", 10): ("fixed", "batch of one"),
        ("a.py", 11): ("refused", "loop stops early (break/return/yield)"),  # line 12 is within two
        ("b.py", 5): ("no fix offered", "tool reports no site"),
        ("c.py", 3): ("no fix offered", "tool says unknown"),
    }


def test_an_applied_outcome_speaks_for_its_site_over_a_refusal_there():
    outcomes = [Outcome("a.py", 5, "LLM004", "skipped", "the call does not pass stream=True literally"),
                _applied("a.py", 5, f"submit the request as a one-request OpenAI batch and wait for it {WHY}")]
    [site] = match_sites("o/r", [_label("a.py", 5)], outcomes, {})
    assert (site.status, site.code) == ("fixed", "LLM001")


def test_fixes_outside_the_labels_say_where_they_are():
    labels = [_label("a.py", 5, "real-time"), _label("b.py", 1)]
    outcomes = [_applied("a.py", 5, f"x {WHY.replace('batch;', 'flex;')}"), _applied("t.py", 2, f"one-request {WHY}"),
                _applied("b.py", 1, f"one-request {WHY}"), Outcome("u.py", 1, "LLM001", "skipped", "no")]
    outside = outside_labels(labels, outcomes)
    assert [(o.where, o.path, o.mode) for o in outside] == [
        ("labelled real-time", "a.py", "flex (OpenAI)"), ("unlabelled", "t.py", "batch of one")]


def test_tally_counts_by_class_status_mode_and_reason():
    labels = [_label("a.py", 1), _label("a.py", 20), _label("b.py", 1, "near-real-time")]
    outcomes = [_applied("a.py", 1, f"one-request {WHY}"),
                Outcome("a.py", 20, "LLM001", "skipped", "`yield` inside the loop (line 22)"),
                _applied("b.py", 1, "background mode with the 8h completion window [mode: background; why: w]", "LLM002")]
    sites = match_sites("o/r", labels, outcomes, {})
    t = tally(sites, outside_labels(labels, outcomes))
    assert t.sites == Counter({("scheduled", "fixed"): 1, ("scheduled", "refused"): 1, ("near-real-time", "fixed"): 1})
    assert t.modes == Counter({("scheduled", "batch of one"): 1, ("near-real-time", "background window 8h"): 1})
    assert t.refusals == Counter({("scheduled", "loop stops early (break/return/yield)"): 1})
    table = render_table([sites], [[]], [{"files": [("a.py", True, 2, 0, False)], "idempotent": False, "error": ""}],
                         skipped=[{"streaming call": 2}, {"streaming call": 1, "module-level client": 1}])
    assert "| streaming call | 3 |\n| module-level client | 1 |" in table
    assert "| fixed | 1 | 1 |" in table and "| batch of one | 1 | 0 |" in table
    assert "| with new ruff F/I errors | 1 (2 errors) |" in table and "| repositories not idempotent | 1 |" in table


def test_changed_files_and_lines_mapped_back_to_the_original(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    (old / "m.py").write_text("a = 1\nb = 2\ncall()\n")
    (new / "m.py").write_text("import x\n\na = 1\nb = 2\ncall()\n")
    assert changed({"m.py": "1", "n.py": "2"}, {"m.py": "1", "n.py": "3", "h.py": "4"}) == ["h.py", "n.py"]
    [skipped, applied] = map_back([Outcome("m.py", 5, "LLM001", "skipped", "r"), Outcome("m.py", 5, "LLM001", "applied", "r")],
                                  old, new)
    assert skipped.line == 3 and applied.line == 5  # applied outcomes already point at the original text


def test_file_checks_find_new_errors_only(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    (old / "m.py").write_text("import os\n\nx: int = 1\n")
    (new / "m.py").write_text("import os\nimport sys\n\nx: int = 'one'\n")  # new F401 and a new mypy error
    (new / "broken.py").write_text("def f(:\n")
    checks = {c.path: c for c in check_files(old, new, ["broken.py", "m.py"], tmp_path / "cache", 120)}
    m = checks["m.py"]
    assert (m.created, m.compiles) == (False, True)
    assert len(m.new_ruff) == 1 and "F401" in m.new_ruff[0] and "sys" in m.new_ruff[0]  # `os` was unused before
    assert len(m.new_mypy) == 1 and "Incompatible types" in m.new_mypy[0]
    broken = checks["broken.py"]
    assert (broken.created, broken.compiles) == (True, False)
    assert broken.new_ruff and any("syntax" in e for e in broken.new_mypy)  # a syntax error is new to both
    assert new_errors(Counter({"e": 2}), Counter({"e": 3, "f": 1})) == ["e", "f"]
