"""``--usage FILE``: the cost-export layouts we read, and attribution of their spend by model."""
from __future__ import annotations

import json

import pytest
from test_savings import PROJECT

from llm_latency_lint.audit.usage import UsageError, model_key, parse
from llm_latency_lint.reporters.schema import AuditOut

DAY = 86400
START = 1_759_276_800  # 2025-10-01T00:00:00Z

OPENAI = "\n".join(
    ["start_time,end_time,amount.value,amount.currency,line_item,project_id"]
    + [f"{START + d * DAY},{START + (d + 1) * DAY},2.00,usd,\"gpt-4o-mini-2024-07-18, input\",proj_1" for d in range(15)]
    + [f"{START + d * DAY},{START + (d + 1) * DAY},1.00,usd,\"gpt-4o-mini-2024-07-18, output\",proj_1" for d in range(15)]
    + [f"{START},{START + DAY},3.00,usd,\"text-embedding-3-small, input\",proj_1"]
) + "\n"

ANTHROPIC = (
    "starting_at,ending_at,amount,currency,model,service_tier,cost_type,token_type,description,workspace_id\n"
    "2025-10-01T00:00:00Z,2025-10-02T00:00:00Z,12345.0,USD,claude-sonnet-4-5-20250929,standard,tokens,"
    "output_tokens,Claude Sonnet 4.5 Usage - Output Tokens,wrkspc_1\n"
    "2025-10-06T00:00:00Z,2025-10-07T00:00:00Z,5000,USD,claude-sonnet-4-5-20250929,batch,tokens,"
    "output_tokens,Claude Sonnet 4.5 Usage - Output Tokens,wrkspc_1\n"
    "2025-10-07T00:00:00Z,2025-10-08T00:00:00Z,250,USD,,standard,web_search,,Web Search,wrkspc_1\n"
)


def test_model_keys_drop_snapshot_dates_line_item_tails_and_prefixes():
    assert model_key("gpt-4o-mini-2024-07-18, input") == model_key("gpt-4o-mini") == "gpt-4o-mini"
    assert model_key("claude-sonnet-4-5-20250929") == "claude-sonnet-4-5"
    assert model_key("models/gemini-2.5-flash") == "gemini-2.5-flash"
    assert model_key("gpt-4o") != model_key("gpt-4o-mini")


def test_openai_costs_rows_are_summed_per_model_and_scaled_to_a_month():
    usage = parse(OPENAI, "costs.csv")
    assert usage.layout == "openai-costs"
    # 15 days: $45 for gpt-4o-mini and $3 of embeddings -> x2 for a 30-day month.
    assert usage.by_model["gpt-4o-mini"] == pytest.approx(90.0)
    assert usage.by_model["text-embedding-3-small"] == pytest.approx(6.0)
    assert "2025-10-01 to 2025-10-16 (15 days)" in usage.assumptions[0]


def test_anthropic_cost_report_amounts_are_cents_and_batch_tier_is_left_out():
    usage = parse(ANTHROPIC, "cost_report.csv")
    assert usage.layout == "anthropic-cost-report"
    days = 7  # 2025-10-01 .. 2025-10-08
    assert usage.by_model == {"claude-sonnet-4-5": pytest.approx(123.45 * 30 / days)}
    text = " ".join(usage.assumptions)
    assert "$50.00 already on the batch tier" in text and "rows without a model" in text


def test_generic_layout_and_bom():
    usage = parse("\ufeffmodel,cost_usd\ngpt-4o,10\ngpt-4o,5.5\n", "mine.csv")
    assert usage.layout == "generic" and usage.by_model == {"gpt-4o": pytest.approx(15.5)}
    assert "no dates" in usage.assumptions[0]


@pytest.mark.parametrize(
    "text, message",
    [
        ("date,spend\n2025-10-01,3\n", "unrecognised columns date, spend; supported layouts: openai-costs"),
        ("model,cost_usd\ngpt-4o,lots\n", "x.csv:2: 'lots' is not a number"),
        ("starting_at,amount,currency,model\n2025-10-01T00:00:00Z,100,EUR,claude\n", "currency 'EUR'"),
        ("model,cost_usd\n", "no cost rows"),
        ("", "unrecognised columns (none)"),
    ],
)
def test_unreadable_exports_say_why(text, message):
    with pytest.raises(UsageError) as exc:
        parse(text, "x.csv")
    assert message in str(exc.value)


def test_cli_usage_attributes_spend_by_model_and_prints_the_assumption(tmp_path, run_cli):
    for name, text in PROJECT.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "costs.csv").write_text(OPENAI)
    code, out, err = run_cli(tmp_path, "audit", ".", "--usage", "costs.csv", "--format", "json")
    assert code == 0, err
    audit = AuditOut.model_validate(json.loads(out))
    sites = {s.path: s for s in audit.call_sites}
    assert sites["jobs.py"].monthly_usd == pytest.approx(45.0)  # $90 shared by the two gpt-4o-mini sites
    assert sites["web.py"].monthly_usd == pytest.approx(45.0)
    assert sites["events.py"].monthly_usd == pytest.approx(6.0)
    savings = audit.summary.savings
    assert savings.spend_source == "usage costs.csv" and savings.saved_usd == pytest.approx(22.5)
    text = run_cli(tmp_path, "audit", ".", "--usage", "costs.csv")[1]
    assert "attributed to call sites by model" in text and "scaled to a 30-day month" in text


def test_cli_bad_usage_file_exits_2_with_the_reason(tmp_path, run_cli):
    (tmp_path / "jobs.py").write_text(PROJECT["jobs.py"])
    (tmp_path / "bad.csv").write_text("when,how much\n")
    code, _, err = run_cli(tmp_path, "audit", ".", "--usage", "bad.csv")
    assert code == 2 and "usage file: unrecognised columns" in err
    code, _, err = run_cli(tmp_path, "audit", ".", "--usage", "missing.csv")
    assert code == 2 and "cannot read" in err


def test_usage_that_matches_no_site_says_so_instead_of_asking_for_spend(tmp_path, run_cli):
    (tmp_path / "jobs.py").write_text(PROJECT["jobs.py"])
    (tmp_path / "costs.csv").write_text("model,cost_usd\nclaude-opus-4,900\n")
    code, out, _ = run_cli(tmp_path, "audit", ".", "--usage", "costs.csv")
    assert code == 0
    assert "The spend from usage costs.csv matched no call site (see the assumptions)." in out
    assert "claude-opus-4: $900.00/month matches no call site's model" in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_a_project_without_call_sites_renders_in_every_format(tmp_path, run_cli, fmt):
    (tmp_path / "a.py").write_text("print('no LLM here')\n")
    code, out, err = run_cli(tmp_path, "audit", ".", "--format", fmt)
    assert code == 0 and err == ""
    assert ("LLM call sites: 0" in out) or (fmt == "json" and json.loads(out)["call_sites"] == [])
