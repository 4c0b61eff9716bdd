"""The savings model: the seed's worked numbers, the discount table, spend attribution."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from llm_latency_lint.audit.inventory import build
from llm_latency_lint.audit.savings import batch_saving, spend_after
from llm_latency_lint.catalog import discounts
from llm_latency_lint.catalog.providers import all_providers
from llm_latency_lint.config import ConfigError, parse
from llm_latency_lint.engine import run

# A nightly job and a request handler calling the same model from two files.
PROJECT = {
    "jobs.py": (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n"
        "def nightly_tickets():  # llm-latency: scheduled\n"
        "    return client.chat.completions.create(model='gpt-4o-mini', messages=[])\n"
    ),
    "web.py": (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n"
        "def chat():  # llm-latency: real-time\n"
        "    return client.chat.completions.create(model='gpt-4o-mini-2024-07-18', messages=[])\n"
    ),
    "events.py": (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n"
        "def on_signup():  # llm-latency: near-real-time\n"
        "    return client.embeddings.create(model='text-embedding-3-small', input='x')\n"
    ),
}


def audit_of(tmp_path: Path, section: dict, files=PROJECT):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    config = parse(section, "test")
    return build(run([tmp_path], config, root=tmp_path), config)


def by_path(audit):
    return {r.path: r for r in audit.rows}


# ---- the seed's worked numbers --------------------------------------------------------------
def test_seed_50k_tickets_a_night_at_one_cent_saves_250_a_night():
    assert batch_saving(50_000 * 0.01, 0.5) == pytest.approx(250.0)


def test_seed_50k_tickets_a_night_through_config_and_the_pipeline(tmp_path):
    audit = audit_of(tmp_path, {"spend": {"sites": [
        {"path": "jobs.py", "calls-per-day": 50_000, "usd-per-call": 0.01},
    ]}}, {"jobs.py": PROJECT["jobs.py"]})
    s = audit.savings
    assert s.priced and s.eligible_sites == 1
    assert s.before == pytest.approx(500.0 * 30)  # $500 a night, 30 nights
    assert s.saved == pytest.approx(250.0 * 30)  # $250 a night saved by batch
    assert s.saved / 30 == pytest.approx(250.0)


def test_seed_saas_12m_calls_120k_a_month_80_percent_eligible_is_72k_after():
    assert spend_after(120_000, 0.8, 0.5) == pytest.approx(72_000)


def test_seed_saas_through_config_and_the_pipeline(tmp_path):
    # 12M calls/month at $0.01: 9.6M (80%) from the nightly job, 2.4M from the request handler.
    audit = audit_of(tmp_path, {"spend": {"sites": [
        {"path": "jobs.py", "calls-per-month": 9_600_000, "usd-per-call": 0.01},
        {"path": "web.py", "calls-per-month": 2_400_000, "usd-per-call": 0.01},
    ]}}, {k: PROJECT[k] for k in ("jobs.py", "web.py")})
    s = audit.savings
    assert s.before == pytest.approx(120_000)
    assert s.eligible_spend_share == pytest.approx(0.8)
    assert s.after == pytest.approx(72_000)
    assert s.after == pytest.approx(spend_after(s.before, s.eligible_spend_share, 0.5))
    assert s.by_class["scheduled"].after == pytest.approx(48_000)
    assert s.by_class["real-time"].after == pytest.approx(24_000)


# ---- attribution ----------------------------------------------------------------------------
def test_near_real_time_is_an_audit_candidate_not_a_saving(tmp_path):
    audit = audit_of(tmp_path, {"spend": {"sites": [{"monthly-usd": 300}]}})
    rows = by_path(audit)
    assert all(r.spend == pytest.approx(100) for r in rows.values())  # one entry shared by three sites
    assert rows["events.py"].candidate and not rows["events.py"].eligible
    assert audit.savings.saved == pytest.approx(50)  # only the scheduled third
    assert audit.savings.audit_potential == pytest.approx(50)
    assert any("shared evenly by 3 call sites" in a for a in audit.savings.assumptions)


def test_first_matching_entry_wins_and_model_keys_ignore_snapshot_dates(tmp_path):
    audit = audit_of(tmp_path, {"spend": {"sites": [
        {"path": "jobs.py", "monthly-usd": 10},
        {"model": "gpt-4o-mini", "monthly-usd": 40},  # jobs.py is taken; web.py's dated model matches
        {"operation": "nothing.create", "monthly-usd": 5},
    ]}})
    rows = by_path(audit)
    assert rows["jobs.py"].spend == pytest.approx(10)
    assert rows["web.py"].spend == pytest.approx(40)
    assert rows["events.py"].spend is None
    assert audit.savings.unpriced_sites == 1
    assert any("entry 3" in a and "matches no call site" in a for a in audit.savings.assumptions)


def test_without_spend_counts_and_shares_and_says_what_input_gives_dollars(tmp_path):
    audit = audit_of(tmp_path, {})
    s = audit.savings
    assert not s.priced and s.before is None and s.saved is None
    assert (s.total_sites, s.eligible_sites, s.candidate_sites) == (3, 1, 1)
    assert s.eligible_site_share == pytest.approx(1 / 3)
    assert "[tool.llm-latency-lint.spend]" in s.missing and "--usage" in s.missing


def test_configured_discount_overrides_the_table(tmp_path):
    audit = audit_of(tmp_path, {"discounts": {"openai": 0.4}, "spend": {"sites": [{"path": "jobs.py", "monthly-usd": 100}]}})
    assert audit.savings.saved == pytest.approx(40)
    assert audit.discounts["openai"].overridden and audit.discounts["openai"].rate == 0.4


def test_check_quotes_the_configured_discount_the_audit_uses(tmp_path):
    for name, text in PROJECT.items():
        (tmp_path / name).write_text(text)
    config = parse({"discounts": {"openai": 0.4}}, "test")
    result = run([tmp_path], config, root=tmp_path)
    [finding] = [f for f in result.findings if f.code == "LLM001"]
    assert "OpenAI Batch API (40% cheaper)" in finding.message
    assert build(result, config).discounts["openai"].rate == 0.4
    default = run([tmp_path], parse({}, "test"), root=tmp_path)
    assert "(50% cheaper)" in next(f.message for f in default.findings if f.code == "LLM001")


def test_provider_discount_is_read_from_the_discount_table():
    for provider in all_providers():
        assert provider.discount == discounts.effective(provider.id).rate
        assert discounts.effective(provider.id).checked in provider.discount_source


@pytest.mark.parametrize(
    "section, key",
    [
        ({"spend": {"sites": [{"path": "x.py"}]}}, "tool.llm-latency-lint.spend.sites.0"),
        ({"spend": {"sites": [{"monthly-usd": 1, "usd-per-call": 1, "calls-per-day": 1}]}},
         "tool.llm-latency-lint.spend.sites.0"),
        ({"spend": {"sites": [{"monthly-usd": -5}]}}, "tool.llm-latency-lint.spend.sites.0.monthly-usd"),
        ({"spend": {"sites": [{"monthly-usd": 5, "modle": "x"}]}}, "tool.llm-latency-lint.spend.sites.0.modle: unknown key"),
        ({"spend": {"monthly": 5}}, "tool.llm-latency-lint.spend.monthly: unknown key"),
        ({"discounts": {"openai": 1.5}}, "tool.llm-latency-lint.discounts.openai"),
        ({"discounts": {"opena1": 0.5}}, "unknown provider 'opena1'"),
    ],
)
def test_bad_spend_and_discount_config_names_the_key(section, key):
    with pytest.raises(ConfigError) as exc:
        parse(section, "pyproject.toml")
    assert key in str(exc.value)


# ---- the discount table ---------------------------------------------------------------------
def test_discount_table_covers_the_catalog_and_agrees_with_it():
    for provider in all_providers():
        entry = discounts.TABLE[provider.id]
        expected = provider.discount if provider.batch_supported else 0.0
        assert entry.rate == pytest.approx(expected), provider.id


def test_discount_entries_cite_a_source_and_a_date_and_unverified_ones_say_so():
    for entry in discounts.TABLE.values():
        assert entry.source.startswith("https://"), entry
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry.checked), entry
        assert 0 <= entry.rate <= 1
    assert {p for p, d in discounts.TABLE.items() if not d.verified} >= {"bedrock", "groq", "together"}
    assert all(discounts.TABLE[p].rate == 0.5 for p in ("openai", "anthropic", "google", "mistral"))


# ---- frameworks over a provider -------------------------------------------------------------
LANGCHAIN_JOBS = (
    "from langchain_anthropic import ChatAnthropic\n"
    "from langchain_core.language_models import BaseChatModel\n"
    "from langchain_core.prompts import ChatPromptTemplate\n\n"
    "prompt = ChatPromptTemplate.from_messages([('human', '{text}')])\n\n"
    "def nightly_digest(texts):  # llm-latency: scheduled\n"
    "    chain = prompt | ChatAnthropic(model='claude-haiku-4-5') | (lambda m: m.content)\n"
    "    return [chain.invoke({'text': t}) for t in texts]\n\n"
    "def nightly_any(model: BaseChatModel, text):  # llm-latency: scheduled\n"
    "    return (prompt | model).invoke({'text': text})\n"
)


def test_langchain_model_counts_at_the_discount_of_the_provider_it_calls(tmp_path):
    audit = audit_of(tmp_path, {"spend": {"sites": [{"path": "jobs.py", "monthly-usd": 200}]}},
                     {"jobs.py": LANGCHAIN_JOBS})
    rows = {r.line: r for r in audit.rows}
    anthropic_chain, any_model = rows[9], rows[12]
    assert (anthropic_chain.provider, anthropic_chain.operation) == ("langchain", "invoke")
    assert anthropic_chain.eligible and anthropic_chain.discount.provider == "anthropic"
    assert anthropic_chain.rate == pytest.approx(0.5)
    # A model known only as BaseChatModel calls no provider we can name: not counted.
    assert not any_model.eligible and any_model.rate == 0
    assert audit.savings.saved == pytest.approx(100 * 0.5)  # the $200 is shared by the two sites
    assert "anthropic" in audit.discounts and audit.discounts["anthropic"].rate == pytest.approx(0.5)
    messages = {f.line: f.message for f in audit.result.findings if f.code == "LLM001"}
    assert "this model calls Anthropic: move the requests to the Anthropic Message Batches API" in messages[9]
    assert "LangChain has no batch API: .batch()/.abatch()" in messages[12]
