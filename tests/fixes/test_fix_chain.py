"""Batch at a loop that reaches the SDK call through other functions (``caller_loop.py``,
``chain.py``): each function of the chain gets ``<name>_batch`` in its own module, the loop calls
the top one once; a per-item ``try`` keeps its meaning; every other shape is refused with the
reason and the loop's place. The fixed chain fixture passes Ruff's F and I rules and
``mypy --strict``, and a second ``--fix`` changes nothing."""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import pytest
from support.fixlib import MYPY_TIMEOUT, function_code, ruff, write_project
from support.paths import FIXTURES, REPO

from llm_latency_lint.config import parse
from llm_latency_lint.engine import run
from llm_latency_lint.fixes import FixOptions, attach, fix_paths
from llm_latency_lint.fixes.helper_module import HEADER, MARKER

CHAIN = FIXTURES / "fix_chain"

SUMMARIZE = '''\
import openai

client = openai.OpenAI()


def summarize(text: str) -> str:
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    return r.choices[0].message.content or ""
'''

TICKETS = '''\
from app.summarize import summarize


def summarize_ticket(ticket):
    """One ticket's summary, saved."""
    summary = summarize(ticket.text.strip())
    ticket.summary = summary
    ticket.save()
    return summary
'''


def _fix(root, files, config=None):
    write_project(root, {"app/__init__.py": "", "app/summarize.py": SUMMARIZE, **files})
    return fix_paths([root], parse(config or {}, "test"), FixOptions(unsafe=True), write=False)


def _refusal(root, files):
    write_project(root, {"app/__init__.py": "", "app/summarize.py": SUMMARIZE, **files})
    cfg = parse({}, "test")
    result = run([root], cfg)
    attach(result, cfg, FixOptions(strategy="batch"))
    fix = next(f.fix for f in result.findings if f.path == "app/summarize.py" and f.code == "LLM001")
    assert not fix.applicable
    return fix.refusal


NIGHTLY = '''\
import logging

from app.tickets import summarize_ticket

log = logging.getLogger(__name__)


def nightly(tickets):  # llm-latency: scheduled
    failed = 0
    for ticket in tickets:
        try:
            summarize_ticket(ticket)
            ticket.done = True
        except Exception:
            log.exception("ticket %s", ticket.id)
            failed += 1
    return failed
'''


def test_a_chain_of_two_across_modules_is_batched_at_the_loop_keeping_its_per_item_try(tmp_path):
    report = _fix(tmp_path, {"app/tickets.py": TICKETS, "app/nightly.py": NIGHTLY})
    assert sorted(report.fixed) == ["app/_llm_batch.py", "app/nightly.py", "app/summarize.py", "app/tickets.py"]
    nightly = report.fixed["app/nightly.py"]
    assert "from app.tickets import summarize_ticket_batch\n" in nightly
    assert function_code(nightly, "nightly") == textwrap.dedent('''\
        def nightly(tickets):  # llm-latency: scheduled
            failed = 0
            # The requests go to the OpenAI Batch API; the loop below runs on the results, in order.
            # A failed request raises its error at its own `next(...)`, inside the `try`; the rest go on.
            batch_items = list(tickets)
            batch_results = summarize_ticket_batch(batch_items)
            for ticket in batch_items:
                try:
                    next(batch_results)
                    ticket.done = True
                except Exception:
                    log.exception("ticket %s", ticket.id)
                    failed += 1
            return failed
        ''')
    tickets = report.fixed["app/tickets.py"]
    assert "from app.summarize import summarize, summarize_batch\n" in tickets
    assert "def summarize_ticket(ticket):\n" in tickets  # kept for other callers
    assert function_code(tickets, "summarize_ticket_batch") == textwrap.dedent('''\
        def summarize_ticket_batch(calls):
            """`summarize_ticket` for many calls: one OpenAI batch through `summarize_batch`; results in order."""
            items = list(calls)
            results = summarize_batch([ticket.text.strip() for ticket in items])

            def finish(ticket):
                summary = next(results)
                ticket.summary = summary
                ticket.save()
                return summary

            return map(finish, items)
        ''')
    summarize = report.fixed["app/summarize.py"]
    assert "def summarize_batch(calls: Iterable[str]) -> Iterator[str]:\n" in summarize
    assert "from app._llm_batch import _openai_batch\n" in summarize
    outcome = next(o for o in report.outcomes if o.status == "applied")
    assert outcome.reason.startswith("batch at the caller's loop (app/nightly.py:10, `nightly`, via `summarize_ticket`): "
                                     "`summarize_ticket_batch` -> `summarize_batch` send the requests of `summarize`")
    assert "a failed item raises its SDK error at its own result, inside the loop's `try`" in outcome.reason


def test_a_chain_of_three_with_two_functions_in_one_module(tmp_path):
    report = _fix(tmp_path, {"app/tickets.py": TICKETS + '''

def note_for(ticket):
    text = summarize_ticket(ticket)
    return f"#{ticket.id}: {text}"
''', "app/weekly.py": '''\
from app.tickets import note_for


def weekly(tickets):  # llm-latency: scheduled
    return "\\n".join([note_for(t) for t in tickets])
'''})
    assert report.fixed["app/weekly.py"].endswith(
        '    return "\\n".join(list(note_for_batch([t for t in tickets])))\n')
    tickets = report.fixed["app/tickets.py"]
    assert function_code(tickets, "note_for_batch") == textwrap.dedent('''\
        def note_for_batch(calls):
            """`note_for` for many calls: one OpenAI batch through `summarize_ticket_batch`; results in order."""
            items = list(calls)
            results = summarize_ticket_batch(items)

            def finish(ticket):
                text = next(results)
                return f"#{ticket.id}: {text}"

            return map(finish, items)
        ''')
    assert "results = summarize_batch([ticket.text.strip() for ticket in items])" in tickets
    assert tickets.count("from app.summarize import") == 1  # the same module: no import of its own batch function
    outcome = next(o for o in report.outcomes if o.status == "applied")
    assert "`note_for_batch` -> `summarize_ticket_batch` -> `summarize_batch`" in outcome.reason


def test_the_fixed_chain_fixture_passes_ruff_and_mypy_and_a_second_fix_changes_nothing(tmp_path):
    folder = tmp_path / "fix_chain"
    shutil.copytree(CHAIN, folder)
    assert ruff(folder, "--select", "F,I", ".").returncode == 0
    report = fix_paths([folder], parse({}, "test"), FixOptions(unsafe=True), write=True)
    assert not report.errors and report.applied == 3 and report.created == {"chainapp/_llm_batch.py"}
    lint = ruff(folder, "--select", "F,I", "--output-format", "concise", ".")
    assert lint.returncode == 0, lint.stdout
    again = fix_paths([folder], parse({}, "test"), FixOptions(unsafe=True), write=False)
    assert again.fixed == {} and again.applied == 0
    proc = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(REPO / ".mypy_cache"),
                           "--no-error-summary", "chainapp"], cwd=folder, capture_output=True, text=True, timeout=MYPY_TIMEOUT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("files, reason", [
    ({"app/tickets.py": TICKETS, "app/nightly.py": NIGHTLY.replace(
        "            log.exception(\"ticket %s\", ticket.id)\n", "            raise\n")},
     "a handler of the `try` at line 11 raises (line 15): the original stops at the first failure"),
    ({"app/tickets.py": TICKETS, "app/nightly.py": NIGHTLY.replace(
        "            summarize_ticket(ticket)\n", "            ticket.started = True\n            summarize_ticket(ticket)\n")},
     "the call is not the first statement of the `try` at line 11"),
    ({"app/tickets.py": TICKETS, "app/nightly.py": NIGHTLY.replace(
        "            summarize_ticket(ticket)\n", "            failed += len(summarize_ticket(ticket))\n")},
     "the call's statement does more than `name = <call>` or `<call>`"),
    ({"app/tickets.py": TICKETS, "app/nightly.py": NIGHTLY.replace(
        "            ticket.done = True\n", "            ticket.done = True\n            if ticket.last:\n                break\n")},
     "`break` inside the loop"),
    ({"app/tickets.py": TICKETS.replace("(ticket):", "(ticket, previous):").replace(
        "ticket.text.strip()", "ticket.text + previous"), "app/nightly.py": '''\
from app.tickets import summarize_ticket


def nightly(tickets):  # llm-latency: scheduled
    previous = ""
    for ticket in tickets:
        previous = summarize_ticket(ticket, previous)
'''}, "the loop feeds one result into the next request"),
    ({"app/tickets.py": TICKETS.replace("def summarize_ticket", "async def summarize_ticket")
      .replace("summary = summarize", "summary = summarize"), "app/nightly.py": NIGHTLY},
     "`summarize_ticket` is async"),
    ({"app/tickets.py": '''\
from app.summarize import summarize


class Tickets:
    def summarize_ticket(self, ticket):
        return summarize(ticket.text)
''', "app/nightly.py": '''\
from app.tickets import Tickets


def nightly(tickets):  # llm-latency: scheduled
    service = Tickets()
    for ticket in tickets:
        service.summarize_ticket(ticket)
'''}, "`summarize_ticket` (app/tickets.py:6) on the way to the loop is not a module-level function"),
    ({"app/tickets.py": TICKETS, "app/nightly.py": '''\
from app.tickets import summarize_ticket


def page_on_call(count):
    print("paging", count)


def nightly(tickets):  # llm-latency: scheduled
    for ticket in tickets:
        summarize_ticket(ticket)
    page_on_call(len(tickets))
'''}, "time-critical side effect (paging, SMS, alerting) on the way to the loop: its caller `nightly` calls `page_on_call`"),
    ({"app/tickets.py": TICKETS, "app/nightly.py": '''\
from app.tickets import summarize_ticket


def nightly(groups):  # llm-latency: scheduled
    for tickets in groups:
        for ticket in tickets:
            summarize_ticket(ticket)
'''}, "runs inside another loop (line 5)"),
])
def test_what_is_not_batched_through_a_chain_is_refused_with_the_reason_and_the_loop(tmp_path, files, reason):
    refusal = _refusal(tmp_path, files)
    assert "`summarize` is called once per item from the for loop at app/nightly.py:" in refusal
    assert "via `summarize_ticket` at app/tickets.py:" in refusal
    assert reason in refusal, refusal


def test_a_helper_module_of_an_older_format_refuses_the_per_item_try_rewrite(tmp_path):
    old = HEADER.replace(MARKER, MARKER.rsplit(" ", 1)[0] + " 1")
    write_project(tmp_path, {"app/_llm_batch.py": old})
    report = _fix(tmp_path, {"app/tickets.py": TICKETS, "app/nightly.py": NIGHTLY})
    assert report.fixed == {}
    skipped = next(o for o in report.outcomes if o.path == "app/summarize.py" and o.code == "LLM001")
    assert "app/_llm_batch.py was written by an older llm-latency-lint (helper module format 1)" in skipped.reason
    # a loop without a per-item ``try`` does not depend on it
    report = _fix(tmp_path, {"app/nightly.py": NIGHTLY.replace("        try:\n            summarize_ticket(ticket)\n",
                                                               "        summarize_ticket(ticket)\n        try:\n")})
    assert "app/nightly.py" in report.fixed


def test_a_chain_function_also_on_a_request_path_is_refused():
    """Defensive: classification makes such a site mixed (LLM006, no batch fix); should a request's
    reach still come with an LLM001 site, the loop's function must not wait for a batch in it."""
    from types import SimpleNamespace

    from llm_latency_lint.fixes import caller_loop
    from llm_latency_lint.fixes.base import Refuse
    from llm_latency_lint.fixes.callers import LoopHit
    from llm_latency_lint.project.classify import Evidence, Reach

    hit = LoopHit("app/nightly.py", 5, "for loop", "nightly", (("summarize_ticket", "app/tickets.py", 5),
                  ("nightly", "app/nightly.py", 6)), "app.nightly.nightly", ("app.tickets.summarize_ticket", "app.nightly.nightly"))
    route = Reach("real-time", [Evidence("app/api.py", 8, "FastAPI route POST /report")],
                  functions=("app.api.report", "app.nightly.nightly", "app.tickets.summarize_ticket"))
    nightly = Reach("scheduled", [], functions=("app.nightly.nightly", "app.tickets.summarize_ticket"))
    ctx = SimpleNamespace(finding=SimpleNamespace(site=SimpleNamespace(reaches=[nightly, route])))
    with pytest.raises(Refuse, match=r"`summarize_ticket` is also on a real-time path \(FastAPI route POST /report "
                                     r"at app/api.py:8\): its batch variant would copy code the request runs"):
        caller_loop._not_on_a_request_path(ctx, hit)
    route.functions = ("app.api.report", "app.nightly.nightly")
    with pytest.raises(Refuse, match=r"`nightly` is also on a real-time path .*: the rewritten loop would make it wait"):
        caller_loop._not_on_a_request_path(ctx, hit)
    ctx.finding.site.reaches = [nightly]
    caller_loop._not_on_a_request_path(ctx, hit)  # a scheduled reach alone is fine


def test_a_batch_function_an_older_version_wrote_as_a_generator_is_not_reused_for_a_per_item_try(tmp_path):
    old = TICKETS + '''

def summarize_ticket_batch(calls):
    """`summarize_ticket` for many calls: their requests go to one OpenAI batch; results in order."""
    for ticket in calls:
        yield summarize_ticket(ticket)
'''
    report = _fix(tmp_path, {"app/tickets.py": old, "app/nightly.py": NIGHTLY})
    assert report.fixed == {}
    skipped = next(o for o in report.outcomes if o.path == "app/summarize.py" and o.code == "LLM001")
    assert "`summarize_ticket_batch` (app/tickets.py) was written by an older llm-latency-lint as a generator" in skipped.reason
