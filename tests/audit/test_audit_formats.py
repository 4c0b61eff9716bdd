"""The demo's audit in every format, escaping of code-derived text, colour and the progress bar."""
from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import SCHEDULED_JOB, cli
from support.paths import REPO

from llm_latency_lint.audit.inventory import build
from llm_latency_lint.config import find_pyproject, load
from llm_latency_lint.engine import run
from llm_latency_lint.reporters import AUDIT_FORMATS
from llm_latency_lint.reporters.audit_markdown import md
from llm_latency_lint.reporters.schema import AuditOut

ROOT = REPO


@pytest.fixture(scope="module")
def demo(demo_app):
    config = load(find_pyproject(demo_app))
    return build(run([demo_app], config), config)


def test_demo_inventory_and_savings_from_its_own_config(demo):
    s = demo.savings
    assert (s.total_sites, s.eligible_sites, s.candidate_sites) == (15, 5, 2)
    assert s.source == "config"
    assert s.before == pytest.approx(3455.0)
    assert s.saved == pytest.approx(400.0)
    assert s.after == pytest.approx(3055.0)
    assert s.audit_potential == pytest.approx(303.75)
    rows = {(r.path, r.line): r for r in demo.rows}
    summary = rows[("deskapp/services/summarize.py", 14)]
    assert (summary.model, summary.trigger, summary.frequency) == ("gpt-4o-mini", "celery-beat", "daily 02:00")
    assert summary.spend == pytest.approx(720.0) and summary.saving == pytest.approx(360.0)
    digest = rows[("deskapp/services/digest.py", 37)]
    assert digest.frequency == "weekly Mon 07:00"
    assert rows[("scripts/backfill_embeddings.py", 38)].frequency == "daily 03:30"
    assert rows[("deskapp/services/triage.py", 14)].frequency == "daily 02:00"  # mixed: the scheduled side
    assert not rows[("deskapp/services/triage.py", 14)].eligible
    assert rows[("deskapp/api.py", 139)].spend is None  # batches.create: a batch submission, not online spend


def test_near_real_time_sites_show_the_trigger_that_makes_the_class(demo):
    """A route that queues the work (.delay(), add_task) makes it near-real-time: the queue is the
    trigger that decides the class, not the route."""
    rows = {(r.path, r.line): r for r in demo.rows}
    for where in (("deskapp/services/knowledge.py", 20), ("deskapp/services/replies.py", 19)):
        assert (rows[where].site.latency_class, rows[where].trigger) == ("near-real-time", "queued-task")
    assert rows[("deskapp/api.py", 63)].trigger == "fastapi-route"


def test_demo_text_audit_first_run_shows_dollars(demo_app):
    proc = cli("audit", ".", cwd=demo_app)  # a real process: stdout and stderr are pipes
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "\033[" not in out and proc.stderr == ""  # not a terminal: no colour, no progress bar
    assert out.startswith("LLM call sites: 15; batch-eligible now: 5 (33% of call sites)")
    assert "saves $400.00/month: $3,455.00 -> $3,055.00" in out
    assert "Audit monthly: 2 near-real-time call site(s) could save another $303.75/month" in out
    line = next(x for x in out.splitlines() if "summarize.py:14" in x)
    assert line.split() == ["deskapp/services/summarize.py:14", "openai", "chat.completions.create", "gpt-4o-mini",
                            "celery-beat,", "daily", "02:00", "$720.00", "$360.00"]
    assert "  total              15     $3,455.00    $3,055.00" in out


def test_demo_markdown_audit(demo):
    out = AUDIT_FORMATS["markdown"](demo, False)
    assert out.startswith("## LLM call-site audit\n")
    assert "| scheduled | 5 | 33% | $800.00 | $400.00 | migrate to batch now |" in out
    assert "| **total** | 15 | 100% | **$3,455.00** | **$3,055.00** |  |" in out
    assert ("| deskapp/services/summarize.py:14 | openai | chat.completions.create | gpt-4o-mini | "
            "celery-beat, daily 02:00 | $720.00 | $360.00 |") in out
    assert "### near-real-time (2): audit monthly" in out


def test_demo_json_audit_keeps_v1_and_adds_savings(demo):
    data = json.loads(AUDIT_FORMATS["json"](demo, False))
    audit = AuditOut.model_validate(data)
    assert audit.version == 1 and audit.summary.by_class["scheduled"] == 5
    savings = audit.summary.savings
    assert savings.priced and savings.spend_source == "config"
    assert (savings.before_usd, savings.after_usd, savings.saved_usd) == (3455.0, 3055.0, 400.0)
    assert savings.by_class["scheduled"].after_usd == 400.0
    assert savings.discounts["openai"].verified and savings.discounts["openai"].rate == 0.5
    site = next(s for s in audit.call_sites if s.path == "deskapp/services/summarize.py")
    assert (site.model, site.trigger, site.frequency, site.batch_eligible) == ("gpt-4o-mini", "celery-beat", "daily 02:00", True)
    assert (site.monthly_usd, site.monthly_savings_usd) == (720.0, 360.0)


def test_unpriced_json_and_text_say_what_input_gives_dollars(tmp_path, run_cli):
    (tmp_path / "jobs.py").write_text(SCHEDULED_JOB)
    data = json.loads(run_cli(tmp_path, "audit", ".", "--format", "json")[1])
    savings = AuditOut.model_validate(data).summary.savings
    assert not savings.priced and savings.before_usd is None and "before_usd" not in data["summary"]["savings"]
    assert savings.eligible_sites == 1 and savings.eligible_site_share == 1.0
    assert "--usage FILE" in savings.missing_input
    text = run_cli(tmp_path, "audit", ".")[1]
    assert "1 scheduled call site(s) can move to a batch API now" in text
    assert "No spend data: add [tool.llm-latency-lint.spend]" in text


HOSTILE_ROUTE = (
    "from fastapi import FastAPI\nfrom openai import OpenAI\n\napp = FastAPI()\nclient = OpenAI()\n\n"
    "@app.get('/x|y<img src=x onerror=alert(1)>')\n"
    "def page():\n    return client.chat.completions.create(model='gpt-4o|<b>', messages=[])\n"
)


def test_markdown_escapes_code_derived_text(tmp_path, run_cli):
    assert md("a|b <script>`x`</script> *y*") == r"a\|b \<script\>\`x\`\</script\> \*y\*"
    (tmp_path / "app.py").write_text(HOSTILE_ROUTE)
    out = run_cli(tmp_path, "audit", ".", "--format", "markdown")[1]
    assert not re.search(r"(?<!\\)<(img|b>)", out)  # every "<" from the code is backslash-escaped
    assert r"/x\|y\<img src=x onerror=alert(1)\>" in out
    table_row = next(x for x in out.splitlines() if x.startswith("| app.py:"))
    assert table_row.count(" | ") == 4  # five cells: the model's "|" is escaped


def test_colour_only_when_asked(demo):
    assert "\033[32mscheduled (5, 33%)" in AUDIT_FORMATS["text"](demo, True)
    assert "\033[" not in AUDIT_FORMATS["text"](demo, False)


def _run_with_tty_stderr(*args: str, cwd: Path) -> str:
    """Run the CLI with stderr on a pseudo-terminal; return what the terminal saw."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "llm_latency_lint", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=120)
    os.close(master)
    return seen.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only_and_silent_under_quiet(demo_app):
    seen = _run_with_tty_stderr("audit", str(demo_app), cwd=ROOT)
    assert "reading [" in seen and "files" in seen and seen.endswith("\r\033[K")
    assert _run_with_tty_stderr("audit", str(demo_app), "--quiet", cwd=ROOT) == ""
    assert cli("check", str(demo_app), cwd=ROOT).stderr == ""  # not a terminal


def test_html_without_spend_charts_site_counts_and_is_self_contained(tmp_path, run_cli):
    (tmp_path / "jobs.py").write_text(SCHEDULED_JOB)
    page = run_cli(tmp_path, "audit", ".", "--format", "html")[1]
    assert re.findall(r'<rect class="bar sites" data-class="(\w[\w-]*)" data-value="([\d.]+)"', page) == [
        ("scheduled", "1.00")
    ]
    assert "$/month" not in page and "No spend data" in page
    assert "default-src 'none'" in page  # the CSP: no network at view time
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing to fetch
