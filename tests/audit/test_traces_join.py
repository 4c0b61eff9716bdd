"""Joining traced requests to call sites: each mode, the line that moved, and what joins nothing."""
from __future__ import annotations

from datetime import datetime, timezone

from llm_latency_lint.audit.traces.join import (
    FUNCTION,
    LOCATION,
    MODEL,
    MOVED,
    Joiner,
    Target,
)
from llm_latency_lint.audit.traces.spans import Span

T0 = datetime(2026, 11, 16, 2, 0, tzinfo=timezone.utc)
TARGETS = [
    Target(0, "app/summarize.py", 14, "app.summarize.summarize_thread", ("openai",), "gpt-4o-mini"),
    Target(1, "app/summarize.py", 30, "app.summarize.title_for", ("openai",), "gpt-4o-mini"),
    Target(2, "app/api.py", 63, "app.api.assistant_chat", ("anthropic",), "claude-sonnet-4-5"),
    Target(3, "app/api.py", 74, "app.api.assistant_chat_stream", ("anthropic",), "claude-sonnet-4-5"),
    Target(4, "app/sla.py", 37, "app.sla.write_digest", ("anthropic",), "claude-haiku-4-5"),
    Target(5, "app/digest.py", 37, "app.digest.team_section", ("google",), "gemini-2.5-flash"),
    Target(6, "app/digest.py", 40, "app.digest.team_section", ("google",), "gemini-2.5-flash"),
    Target(7, "app/chain.py", 9, "app.chain.run", ("langchain", "openai"), "gpt-4o"),
]
FUNCTIONS = {
    "app/summarize.py": {"app.summarize.summarize_thread": 12, "app.summarize.title_for": 25},
    "app/api.py": {"app.api.assistant_chat": 62, "app.api.assistant_chat_stream": 73},
    "app/sla.py": {"app.sla.write_digest": 36},
    "app/digest.py": {"app.digest.team_section": 30},
    "app/chain.py": {"app.chain.run": 5},
}


def span(**fields) -> Span:
    return Span(start=T0, source="t: record 1", format="otlp", **fields)


def join_one(s: Span):
    joined = Joiner(TARGETS, FUNCTIONS).join([s])
    if joined.unjoined:
        return None, joined.unjoined[0][1]
    (index,) = joined.spans
    (mode,) = joined.modes[index]
    return index, mode


def test_exact_code_location_with_an_absolute_deployed_path():
    assert join_one(span(filepath="/srv/deskapp/app/summarize.py", lineno=14)) == (0, LOCATION)
    assert join_one(span(filepath="summarize.py", lineno=30)) == (1, LOCATION)  # a path relative to app/


def test_a_line_that_moved_within_its_function_still_joins():
    assert join_one(span(filepath="app/summarize.py", lineno=16)) == (0, MOVED)  # enclosing def at 12
    assert join_one(span(filepath="app/summarize.py", lineno=27)) == (1, MOVED)  # enclosing def at 25
    # the line moved out of the function the trace names: the name decides
    assert join_one(span(filepath="app/summarize.py", lineno=40, function="summarize_thread")) == (0, MOVED)


def test_location_in_another_file_falls_back_to_the_function_name():
    assert join_one(span(filepath="app/other.py", lineno=3, function="assistant_chat")) == (2, FUNCTION)


def test_function_name_from_langfuse_or_langsmith_names():
    assert join_one(span(name="assistant_chat_stream", model="claude-sonnet-4-5-20250929")) == (3, FUNCTION)
    assert join_one(span(name="write_digest")) == (4, FUNCTION)
    assert join_one(span(function="app.api.assistant_chat")) == (2, FUNCTION)  # a qualified code.function.name


def test_function_with_two_call_sites_is_not_guessed():
    index, reason = join_one(span(name="team_section", provider="google", model="gemini-2.5-flash"))
    assert index is None and reason == "function 'team_section' has 2 call sites of that provider and model"


def test_provider_and_model_when_nothing_else_matches():
    assert join_one(span(provider="anthropic", model="claude-haiku-4-5-20251001")) == (4, MODEL)
    assert join_one(span(model="CLAUDE-HAIKU-4-5")) == (4, MODEL)  # no provider: the model alone
    assert join_one(span(provider="openai", model="gpt-4o")) == (7, MODEL)  # LangChain site calling OpenAI
    assert join_one(span(name="ChatOpenAI", provider="openai", model="gpt-4o")) == (7, MODEL)


def test_spans_that_join_nothing_say_why():
    assert join_one(span(provider="anthropic", model="claude-sonnet-4-5")) == (
        None, "2 call sites name model anthropic claude-sonnet-4-5")
    assert join_one(span(provider="openai", model="gpt-4.1")) == (None, "no call site names model openai gpt-4.1")
    assert join_one(span(provider="google", model="gpt-4o-mini")) == (
        None, "no call site names model google gpt-4o-mini")  # the provider must agree
    assert join_one(span()) == (None, "no code location, no function or site name that matches, and no model")
