"""Per-call discounted tiers: the strategy chosen per site (``--fix-strategy auto``), the flex and
background-window rewrites, and their behaviour against the fake OpenAI server with the real SDK:
results come back, errors surface as the SDK's own exceptions."""
from __future__ import annotations

import asyncio
import importlib.util
import itertools
import textwrap
import time
from pathlib import Path

import openai
import pytest
from support.fakes.server import FakeServer
from support.fixlib import fixed_text, fixes_for, function_code, pretend_installed

from llm_latency_lint.catalog.tiers import TIERS, tier
from llm_latency_lint.fixes import background, gemini_flex

# The installed SDK must have the tier (on Python 3.9 pip gets openai 2.x and google-genai 1.x):
# the fix is refused there naming the version, and these tests say so.
_BACKGROUND_SDK = background.REQUIREMENT.refusal()
_GEMINI_FLEX_SDK = gemini_flex.REQUIREMENT.refusal()
NEEDS_BACKGROUND = pytest.mark.skipif(bool(_BACKGROUND_SDK), reason=str(_BACKGROUND_SDK))
NEEDS_GEMINI_FLEX = pytest.mark.skipif(bool(_GEMINI_FLEX_SDK), reason=str(_GEMINI_FLEX_SDK))

_counter = itertools.count()
BG = {"background-models": ["gpt-5-mini"]}

PER_ITEM = textwrap.dedent('''\
    from openai import OpenAI

    client = OpenAI()

    def label(text):
        return client.responses.create(model="{model}", input=text)

    def job(items):  # llm-latency: scheduled
        out = []
        for item in items:
            r = label(item)
            out.append(r.output_text)
            if r.id == "stop":
                break
        return out
''')

LATER = textwrap.dedent('''\
    from celery import shared_task
    from openai import OpenAI

    client = OpenAI()

    @shared_task
    def draft(text):
        reply = client.responses.create(model="gpt-5-mini", input=text)
        save(reply.output_text)

    def save(text):
        pass

    def view(request):
        draft.delay(request)
''')


def _load(folder: Path, text: str):
    path = folder / f"tier_module_{next(_counter)}.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tier_table_records_source_date_and_model_gates():
    flex = tier("openai", "flex")
    assert flex.rate == 0.5 and flex.source.startswith("https://developers.openai.com/") and flex.checked
    assert flex.allows("o3") and flex.allows("o4-mini-2025-04-16") and not flex.allows("gpt-6.2-sol")
    assert tier("openai", "background-2h").rate == 0.3 and tier("openai", "background-8h").rate == 0.4
    assert not tier("openai", "background-8h").allows("gpt-5-mini")  # no model list read: opt in
    assert tier("openai", "background-8h").allows("gpt-5-mini", ["gpt-5-mini"])
    assert "UNVERIFIED" in tier("google", "flex").models_text()
    assert all(t.source.startswith("https://") and t.checked == "2026-12-05" for t in TIERS.values())


def test_per_item_single_call_gets_flex_instead_of_a_refused_batch_of_one(tmp_path):
    text = fixed_text(tmp_path, PER_ITEM.format(model="o3"), strategy="auto")
    assert function_code(text, "label") == textwrap.dedent('''\
    def label(text):
        return client.with_options(max_retries=8).responses.create(model="o3", input=text, service_tier="flex", timeout=900.0)
    ''')
    fix = fixes_for(tmp_path, PER_ITEM.format(model="o3"), strategy="auto")["LLM001"]
    assert "[mode: flex; why: batch refused: " in fix.description and "`break` inside the loop" in fix.description


@NEEDS_BACKGROUND
def test_per_item_single_call_gets_the_8h_window_when_flex_does_not_apply(tmp_path):
    source = PER_ITEM.format(model="gpt-5-mini")
    text = fixed_text(tmp_path, source, strategy="auto", config=BG)
    assert function_code(text, "label") == textwrap.dedent('''\
    def label(text):
        return _openai_background(client, client.responses.create(model="gpt-5-mini", input=text, background=True, background_options={"completion_window": "8h"}))
    ''')
    fix = fixes_for(tmp_path, source, strategy="auto", config=BG)["LLM001"]
    assert "8h completion window (40% off" in fix.description and "flex refused: model 'gpt-5-mini'" in fix.description


def test_nothing_applies_the_refusal_leads_with_the_batch_reason_and_lists_the_rest(tmp_path):
    fix = fixes_for(tmp_path, PER_ITEM.format(model="gpt-5-mini"), strategy="auto")["LLM001"]
    assert not fix.applicable
    assert fix.refusal.startswith("`break` inside the loop") or "per item" in fix.refusal.split(" (also tried")[0]
    assert "(also tried: flex refused: model 'gpt-5-mini'" in fix.refusal
    assert "background refused: model 'gpt-5-mini' is not known to support OpenAI's discounted background window" in fix.refusal
    assert "UNVERIFIED" in fix.refusal and "background-models" in fix.refusal


@NEEDS_BACKGROUND
def test_llm002_near_real_time_site_gets_the_2h_window(tmp_path):
    text = fixed_text(tmp_path, LATER, strategy="auto", config=BG)
    assert 'background=True, background_options={"completion_window": "2h"}' in text
    fix = fixes_for(tmp_path, LATER, strategy="auto", config=BG)["LLM002"]
    assert "[mode: background; why: near-real-time: the user reads the result later" in fix.description


def test_forced_strategy_is_named_and_chat_completions_has_no_background(tmp_path):
    source = PER_ITEM.format(model="gpt-5-mini").replace(
        'client.responses.create(model="{m}", input=text)'.format(m="gpt-5-mini"),
        'client.chat.completions.create(model="gpt-5-mini", messages=text)')
    fix = fixes_for(tmp_path, source, strategy="background", config=BG)["LLM001"]
    assert fix.refusal == "no background rewrite for openai chat.completions.create yet"
    fix = fixes_for(tmp_path, PER_ITEM.format(model="o3"), strategy="flex")["LLM001"]
    assert fix.description.endswith("[mode: flex; why: --fix-strategy flex]")


@pytest.mark.parametrize("kwarg,reason", [
    ("stream=True", "the call streams"), ("service_tier=\"priority\"", "Standard processing"),
    ("store=False", "background mode stores the response"),
])
def test_background_refusals(tmp_path, kwarg, reason):
    source = PER_ITEM.format(model="gpt-5-mini").replace("input=text)", f"input=text, {kwarg})")
    fix = fixes_for(tmp_path, source, strategy="background", config=BG)["LLM001"]
    assert reason in fix.refusal


def test_background_refused_naming_an_old_sdk(tmp_path, monkeypatch):
    pretend_installed(monkeypatch, {"openai": "1.99.0"})
    fix = fixes_for(tmp_path, PER_ITEM.format(model="gpt-5-mini"), strategy="background", config=BG)["LLM001"]
    assert fix.refusal.startswith("the fix needs openai>=3.63") and "1.99.0 is installed" in fix.refusal


@NEEDS_BACKGROUND
def test_background_fix_returns_results_and_raises_sdk_errors(tmp_path, server, sleeps):
    original = _load(tmp_path, PER_ITEM.format(model="gpt-5-mini"))
    fixed = _load(tmp_path, fixed_text(tmp_path / "p", PER_ITEM.format(model="gpt-5-mini"), strategy="background", config=BG))
    items = ["printer jammed", "refund for order 42"]
    assert fixed.job(items) == original.job(items)
    assert server.count("GET", "/responses/" + "x") == 0 and sum(1 for m, p in server.log if m == "GET" and "/responses/" in p) >= 4
    assert sleeps and all(s == 15.0 for s in sleeps)
    with pytest.raises(openai.BadRequestError):  # rejected at the create, as the sync call is
        fixed.job(["FAIL this one"])
    with pytest.raises(openai.APIError, match="failed to generate"):
        fixed.job(["DIES later"])


@NEEDS_BACKGROUND
def test_async_background_fix(tmp_path, server, sleeps):
    source = textwrap.dedent('''\
        from openai import AsyncOpenAI

        client = AsyncOpenAI()

        async def job(text):  # llm-latency: scheduled
            r = await client.responses.create(model="gpt-5-mini", input=text)
            return r.output_text
    ''')
    text = fixed_text(tmp_path / "p", source, strategy="background", config=BG)
    assert "await _openai_background_async(client, await client.responses.create(" in text
    original, fixed = _load(tmp_path, source), _load(tmp_path, text)
    assert asyncio.run(fixed.job("hello")) == asyncio.run(original.job("hello"))
    with pytest.raises(openai.APIError, match="failed to generate"):
        asyncio.run(fixed.job("DIES"))


def test_flex_fix_retries_resource_unavailable_and_raises_sdk_errors(tmp_path, server):
    source = PER_ITEM.format(model="o3")
    original = _load(tmp_path, source)
    fixed = _load(tmp_path, fixed_text(tmp_path / "p", source, strategy="flex"))
    assert fixed.job(["BUSY printer", "refund"]) == original.job(["BUSY printer", "refund"])
    assert server.state["busy"] and all(n >= 2 for n in server.state["busy"].values())  # 429 once, then answered
    with pytest.raises(openai.BadRequestError):
        fixed.job(["FAIL"])


GEMINI = textwrap.dedent('''\
    from google import genai
    from google.genai import types

    client = genai.Client()

    def label(text):
        return client.models.generate_content(model="gemini-3-flash", contents=text{config})

    def job(items):  # llm-latency: scheduled
        out = []
        for item in items:
            r = label(item)
            out.append(r.text)
            if r.text == "stop":
                break
        return out
''')
GEMINI_OPT = {"flex-models": ["gemini-3-flash"]}


@NEEDS_GEMINI_FLEX
def test_gemini_flex_adds_a_config_with_the_tier_timeout_and_retries(tmp_path):
    text = fixed_text(tmp_path, GEMINI.format(config=""), strategy="auto", config=GEMINI_OPT)
    assert ("config=genai.types.GenerateContentConfig(service_tier=genai.types.ServiceTier.FLEX, "
            "http_options=genai.types.HttpOptions(timeout=900000, retry_options=genai.types.HttpRetryOptions("
            "attempts=8, http_status_codes=[429, 503]))))") in text
    extended = fixed_text(tmp_path, GEMINI.format(config=", config=types.GenerateContentConfig(temperature=0.5)"),
                          strategy="flex", config=GEMINI_OPT)
    assert "types.GenerateContentConfig(temperature=0.5, service_tier=genai.types.ServiceTier.FLEX, " in extended


@NEEDS_GEMINI_FLEX
def test_gemini_flex_refusals(tmp_path, monkeypatch):
    fix = fixes_for(tmp_path, GEMINI.format(config=""), strategy="flex")["LLM001"]
    assert "not known to support the Gemini flex tier (no model list read; UNVERIFIED" in fix.refusal
    fix = fixes_for(tmp_path, GEMINI.format(config=", config=cfg"), strategy="flex", config=GEMINI_OPT)["LLM001"]
    assert fix.refusal.startswith("the call's config is not a GenerateContentConfig(...) call")
    pretend_installed(monkeypatch, {"google-genai": "1.20.0"})
    fix = fixes_for(tmp_path, GEMINI.format(config=""), strategy="flex", config=GEMINI_OPT)["LLM001"]
    assert fix.refusal.startswith("the fix needs google-genai>=3.6") and "1.20.0 is installed" in fix.refusal


@NEEDS_GEMINI_FLEX
def test_gemini_flex_fix_returns_results_retries_429_and_raises_sdk_errors(tmp_path, monkeypatch):
    from google.genai import errors
    from support.fakes import google_api

    with FakeServer([google_api.routes]) as fake:
        monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", fake.url)
        monkeypatch.setenv("GEMINI_API_KEY", "test")
        original = _load(tmp_path, GEMINI.format(config=""))
        fixed = _load(tmp_path, fixed_text(tmp_path / "p", GEMINI.format(config=""), strategy="flex", config=GEMINI_OPT))
        items = ["BUSY printer", "refund"]
        assert fixed.job(items) == original.job(items)
        assert fake.state["gemini_tiers"] == ["flex"] * 3 + ["standard"] * 2  # fixed: a 429, its retry, the next item
        with pytest.raises(errors.ClientError):
            fixed.job(["FAIL"])


def test_a_forced_mode_the_rule_does_not_take_gives_no_fix(tmp_path):
    from llm_latency_lint.fixes.plan import FixOptions, strategies_for

    assert strategies_for("LLM002", FixOptions(strategy="batch")) == ()
    assert strategies_for("LLM002", FixOptions(strategy="auto")) == ("background", "flex")
    assert strategies_for("LLM001", FixOptions(strategy="auto")) == ("batch", "flex", "background")
    assert strategies_for("LLM004", FixOptions(strategy="flex")) == ("stream",)
    assert "LLM002" not in fixes_for(tmp_path, LATER, strategy="batch", config=BG)


@pytest.mark.parametrize("extra", [
    'service_tier="flex"', 'background=True, background_options={"completion_window": "8h"}',
])
def test_a_call_already_on_a_discounted_tier_is_not_reported_and_a_second_fix_changes_nothing(tmp_path, extra):
    source = PER_ITEM.format(model="o3").replace("input=text)", f"input=text, {extra})")
    assert fixes_for(tmp_path, source, strategy="auto", config=BG) == {}
    once = fixed_text(tmp_path / "a", PER_ITEM.format(model="o3"), strategy="auto")
    assert fixed_text(tmp_path / "b", once, strategy="auto") is None


def test_show_fixes_names_the_mode_and_why(tmp_path, run_cli):
    (tmp_path / "jobs.py").write_text(PER_ITEM.format(model="o3"), encoding="utf-8")
    code, out, _ = run_cli(tmp_path, "check", ".", "--fix", "--unsafe-fixes", "--show-fixes")
    assert "jobs.py:6:12: LLM001 applied: use the OpenAI flex tier (service_tier=\"flex\", timeout 900 s, 8 retries" in out
    assert "[mode: flex; why: batch refused: `label` is called once per item from the for loop at jobs.py:10" in out
    assert "LLM001 skipped" not in out  # the fixed call is on a discounted tier: no finding left
    assert code == 0


def test_groq_flex_is_refused_it_saves_nothing(tmp_path):
    source = textwrap.dedent('''\
        from groq import Groq

        client = Groq()

        def job(q):  # llm-latency: scheduled
            return client.chat.completions.create(model="llama-3.3-70b-versatile", messages=q)
    ''')
    fix = fixes_for(tmp_path, source, strategy="flex", config={"flex-models": ["*"]})["LLM001"]
    assert fix.refusal.startswith("the Groq flex tier costs the same as the standard one (https://console.groq.com/")


@NEEDS_BACKGROUND
def test_fixture_pairs_return_the_same_rows_in_order(server, sleeps, fixed_fixtures, tmp_path):
    folder, report = fixed_fixtures
    from support.paths import FIX_FIXTURES

    items = ["printer jammed", "refund for order 42", "password reset"]
    for name in ("tiers_flex", "tiers_background"):
        original = _load(tmp_path, (FIX_FIXTURES / f"{name}.py").read_text(encoding="utf-8"))
        fixed = _load(tmp_path, (folder / f"{name}.py").read_text(encoding="utf-8"))
        rows_original, rows_fixed = [], []
        assert fixed.run(items, rows_fixed) == original.run(items, rows_original) == 3
        assert rows_fixed == rows_original, name
    original = _load(tmp_path, (FIX_FIXTURES / "tiers_background_async.py").read_text(encoding="utf-8"))
    fixed = _load(tmp_path, (folder / "tiers_background_async.py").read_text(encoding="utf-8"))
    rows_original, rows_fixed = [], []
    assert asyncio.run(fixed.run(items, rows_fixed)) == asyncio.run(original.run(items, rows_original))
    assert rows_fixed == rows_original
    assert "_openai_background_async(client, await client.responses.create(" in (folder / "tiers_background_async.py").read_text()


@NEEDS_BACKGROUND
def test_background_fix_cancels_a_response_still_running_after_its_timeout(tmp_path, server, sleeps, monkeypatch):
    fixed = _load(tmp_path, fixed_text(tmp_path / "p", PER_ITEM.format(model="gpt-5-mini"), strategy="background", config=BG))
    clock = itertools.count(0, 3600)  # an hour passes at every look at the clock
    monkeypatch.setattr(time, "monotonic", lambda: float(next(clock)))
    with pytest.raises(TimeoutError, match="still in_progress after 32400 s; cancelled it"):
        fixed.job(["STUCK forever"])
    assert server.count("POST", "/cancel") == 1
