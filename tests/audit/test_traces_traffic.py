"""Traffic against the code's class: bursts at a cron time, a diurnal day, and the flags both ways;
and the prices (config and genai-prices) behind the spend."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from llm_latency_lint.audit.traces import traffic
from llm_latency_lint.audit.traces.prices import PriceBook, genai_label
from llm_latency_lint.audit.traces.spans import Span
from llm_latency_lint.config import TokenPrice

MONDAY = datetime(2026, 11, 16, tzinfo=timezone.utc)
rng = random.Random(7)


def nightly(hour: int = 2, days: int = 14, per_day: int = 20):
    return [MONDAY + timedelta(days=d, hours=hour, seconds=rng.uniform(0, 3000)) for d in range(days) for _ in range(per_day)]


def working_day(days: int = 14, per_day: int = 30):
    weights = [0] * 7 + [5, 8, 10, 10, 9, 9, 9, 8, 7, 6, 4, 2] + [0] * 5
    return [MONDAY + timedelta(days=d, hours=h, seconds=rng.uniform(0, 3600))
            for d in range(days) for h in rng.choices(range(24), weights=weights, k=per_day)]


def spans(starts):
    return [Span(start=s, source="t", format="otlp", provider="openai", model="gpt-4o-mini", input_tokens=1000,
                 output_tokens=100) for s in starts]


def test_profiles():
    assert traffic.profile(nightly()).pattern == "bursts"
    assert traffic.profile(nightly()).burst_hours == (2,)  # all within 02:00-02:59
    assert traffic.profile(working_day()).pattern == "diurnal"
    assert traffic.profile(nightly(per_day=0) + working_day(days=1, per_day=5)).pattern == "sparse"
    weekly = [MONDAY + timedelta(days=d, hours=7, minutes=m) for d in (0, 7) for m in range(10)]
    p = traffic.profile(weekly)
    assert (p.pattern, p.burst_weekday) == ("bursts", 0) and p.text.startswith("100% of requests Mon 07:00")
    flat = [MONDAY + timedelta(hours=h, minutes=m) for h in range(24 * 7) for m in (0, 30)]
    assert traffic.profile(flat).pattern == "round-the-clock"


def _site(code_class, starts, schedule=None):
    s = spans(starts)
    return traffic.site(code_class, s, [None] * len(s), (schedule,), {"code location": len(s)}, 1.0)


def test_scheduled_bursts_matching_the_cron_confirm():
    t = _site("scheduled", nightly(), "daily 02:00")
    assert (t.verdict.verdict, t.verdict.schedule, t.verdict.flagged) == ("confirms", "daily 02:00", False)
    assert t.no_human == t.requests
    assert sum(t.hours) == t.requests and len(t.hours) == 168
    assert t.hours[2] == 40 and t.hours[24 + 2] == 40  # two Mondays, two Tuesdays at 02:00
    weekly = [MONDAY + timedelta(days=d, hours=7, minutes=m) for d in (0, 7) for m in range(10)]
    assert _site("scheduled", weekly, "weekly Mon 07:00").verdict.schedule == "weekly Mon 07:00"
    assert _site("scheduled", weekly, "weekly Tue 07:00").verdict.schedule is None


def test_real_time_site_whose_traffic_all_arrives_at_two_is_flagged():
    t = _site("real-time", nightly())
    assert (t.verdict.verdict, t.verdict.flagged) == ("contradicts", True)
    assert "nobody waits at that hour" in t.verdict.text
    assert t.no_human == t.requests  # measured: nobody was waiting for these


def test_scheduled_site_with_working_day_traffic_is_flagged_the_other_way():
    t = _site("scheduled", working_day(), "daily 02:00")
    assert (t.verdict.verdict, t.verdict.flagged) == ("contradicts", True)
    assert "someone may be waiting" in t.verdict.text
    assert t.no_human == 0


def test_real_time_diurnal_confirms_and_someone_waits():
    t = _site("real-time", working_day())
    assert (t.verdict.verdict, t.no_human) == ("confirms", 0)


def test_mixed_site_splits_requests_by_the_scheduled_window():
    night, day = nightly(per_day=10), working_day(per_day=12)
    t = _site("mixed", night + day, "daily 02:00")
    assert t.verdict.verdict == "confirms"
    assert t.no_human == len(night)


def test_unknown_site_gets_a_suggestion_not_a_class():
    assert _site("unknown", nightly()).verdict.verdict == "suggests"
    assert _site("unknown", working_day()).no_human == 0


def test_config_prices_and_batch_from_the_discount():
    book = PriceBook({"gpt-4o-mini": TokenPrice(input=0.15, output=0.6)}, use_genai=False)
    (s,) = spans([MONDAY])
    price = book.price(s)
    assert price.standard == pytest.approx(1000 * 0.15e-6 + 100 * 0.6e-6)
    assert price.batch == pytest.approx(price.standard / 2)  # OpenAI's 50% batch discount
    assert price.source == "config"
    explicit = PriceBook({"gpt-4o-mini": TokenPrice(input=1, output=1, batch_input=0.25, batch_output=0.25)},
                         use_genai=False)
    assert explicit.price(s).batch == pytest.approx(1100 * 0.25e-6)
    unknown = Span(start=MONDAY, source="t", format="otlp", model="mystery-1", input_tokens=5)
    assert book.price(unknown) is None and book.unpriced == {"mystery-1": 1}
    assert book.label.startswith("config prices")


def test_genai_prices_standard_and_batch_with_its_version():
    genai_prices = pytest.importorskip("genai_prices")
    book = PriceBook()
    (s,) = spans([MONDAY])
    price = book.price(s)
    assert price.source == "genai-prices" and price.standard > 0
    assert price.batch == pytest.approx(price.standard / 2, rel=0.01)  # OpenAI batch: half price
    assert book.label == genai_label(genai_prices)
    assert book.label.startswith(f"genai-prices {genai_prices.__version__} (bundled data")
    assert book.price(Span(start=MONDAY, source="t", format="otlp", model="no-such-model-9", input_tokens=5)) is None


def test_prices_config_is_validated_with_key_paths():
    from llm_latency_lint.config import ConfigError, parse

    config = parse({"prices": {"gpt-4o-mini": {"input": 0.15, "output": 0.6, "batch-input": 0.075}}}, "pyproject.toml")
    assert config.prices["gpt-4o-mini"].batch_input == 0.075
    with pytest.raises(ConfigError, match=r"tool.llm-latency-lint.prices.gpt-4o-mini.input: Input should be greater"):
        parse({"prices": {"gpt-4o-mini": {"input": -1}}}, "pyproject.toml")
    with pytest.raises(ConfigError, match=r"prices.gpt-4o-mini.cached: unknown key"):
        parse({"prices": {"gpt-4o-mini": {"input": 1, "cached": 2}}}, "pyproject.toml")


def test_schedules_are_read_in_the_time_zone_they_run_in():
    """A 02:00 cron on a Berlin server runs at 01:00 UTC in November: matched with --traces-tz."""
    from llm_latency_lint.audit.traces.analyse import SiteInput, analyse
    from llm_latency_lint.audit.traces.join import Target
    from llm_latency_lint.audit.traces.read import Traces

    night = [s.replace(filepath="app/jobs.py", lineno=5) for s in spans(nightly(hour=1))]
    site = SiteInput(Target(0, "app/jobs.py", 5, "app.jobs.run", ("openai",), "gpt-4o-mini"), "scheduled",
                     ("daily 02:00",), True)
    book = PriceBook(use_genai=False)
    utc, _ = analyse([site], {"app/jobs.py": {"app.jobs.run": 3}}, Traces(spans=night), book)
    berlin, summary = analyse([site], {"app/jobs.py": {"app.jobs.run": 3}}, Traces(spans=night, tz="Europe/Berlin"), book)
    assert utc[0].verdict.schedule is None
    assert berlin[0].verdict.schedule == "daily 02:00" and summary.tz == "Europe/Berlin"
    assert "02:00-02:59 Europe/Berlin" in berlin[0].profile.text
    assert sum(berlin[0].hours[h] for h in range(2, 168, 24)) == len(night)
