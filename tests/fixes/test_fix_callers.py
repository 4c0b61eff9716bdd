"""What the call graph says about a rewrite: no batch of one on a per-item path, no batch that
holds back a page.

A single call whose function is called from a loop in a caller (same module or another one, any
number of calls up) would become one batch per item; the fix is refused naming the loop. A call
whose function or caller pages, texts or alerts someone is refused by default (config key
``fix-time-critical`` allows it).
"""
from __future__ import annotations

import textwrap

import pytest
from support.fixlib import fixed_text, function_code, write_project

from llm_latency_lint.config import ConfigError, parse
from llm_latency_lint.engine import run
from llm_latency_lint.fixes import FixOptions, attach, fix_paths

SUMMARIZE = '''\
from openai import OpenAI

client = OpenAI()


def summarize(text):
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    return r.choices[0].message.content
'''


def _fixes(root, files, config=None):
    write_project(root, files)
    cfg = parse(config or {}, "test")
    result = run([root], cfg)
    attach(result, cfg, FixOptions())
    return {(f.path, f.code): f.fix for f in result.findings if f.fix is not None}


def test_a_single_call_called_from_a_loop_two_modules_away_is_refused_with_the_loop(tmp_path):
    fixes = _fixes(tmp_path, {
        "app/__init__.py": "",
        "app/summarize.py": SUMMARIZE,
        "app/tickets.py": '''\
            from app.summarize import summarize


            def summarize_ticket(ticket):
                ticket.text = ticket.text.strip()
                ticket.summary = summarize(ticket.text)
            ''',
        "app/nightly.py": '''\
            from app.tickets import summarize_ticket


            def nightly(tickets):  # llm-latency: scheduled
                done = 0
                for ticket in tickets:
                    summarize_ticket(ticket)
                    done += 1
                return done
            ''',
    })
    fix = fixes[("app/summarize.py", "LLM001")]
    assert not fix.applicable
    assert "`summarize` is called once per item from the for loop at app/nightly.py:6 in `nightly`" in fix.refusal
    assert "via `summarize_ticket` at app/tickets.py:6" in fix.refusal
    assert "one batch per item" in fix.refusal
    assert "`summarize_ticket` does work before the call" in fix.refusal


def test_a_comprehension_in_the_same_module_is_batched_there(tmp_path):
    text = fixed_text(tmp_path, SUMMARIZE + '''

def digest(teams):  # llm-latency: scheduled
    return "\\n".join([summarize(team) for team in teams])
''')
    assert function_code(text, "digest") == textwrap.dedent('''\
        def digest(teams):  # llm-latency: scheduled
            return "\\n".join(list(summarize_batch([team for team in teams])))
        ''')
    assert function_code(text, "summarize_batch") == textwrap.dedent('''\
        def summarize_batch(calls):
            """`summarize` for many calls: their requests go to one OpenAI batch; results in order."""
            items = list(calls)
            results = _openai_batch(
                client,
                "/v1/chat/completions",
                [
                    dict(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
                    for text in items
                ],
                openai.types.chat.ChatCompletion.model_validate,
            )

            def finish(text):
                r = next(results)
                return r.choices[0].message.content

            return map(finish, items)
        ''')
    assert "def summarize(text):" in text  # kept for other callers
    assert fixed_text(tmp_path, text) is None  # idempotent


def test_a_for_loop_in_the_same_module_is_batched_there_with_annotations(tmp_path):
    text = fixed_text(tmp_path, '''\
from typing import List

from openai import OpenAI

client = OpenAI()


def summarize(text: str, model: str = "gpt-4o-mini") -> str:
    """One summary."""
    r = client.chat.completions.create(model=model, messages=[{"role": "user", "content": text}])
    out = r.choices[0].message.content or ""
    return out.strip()


def nightly(texts: List[str], rows: List[str]) -> int:  # llm-latency: scheduled
    for text in texts:
        if not text:
            continue
        rows.append(summarize(text))
    return len(rows)
''')
    assert function_code(text, "nightly") == textwrap.dedent('''\
        def nightly(texts: List[str], rows: List[str]) -> int:  # llm-latency: scheduled
            # The requests go to the OpenAI Batch API; the loop below runs on the results, in order.
            batch_items = list(texts)
            batch_bodies = [(text, "gpt-4o-mini") for text in batch_items if text]
            batch_results = summarize_batch(batch_bodies)
            for text in batch_items:
                if not text:
                    continue
                rows.append(next(batch_results))
            return len(rows)
        ''')
    batch = function_code(text, "summarize_batch")
    assert batch.startswith("def summarize_batch(calls: Iterable[Tuple[str, str]]) -> Iterator[str]:\n")
    assert ("    def finish(text: str, model: str) -> str:\n"
            "        r = next(results)\n"
            "        out = r.choices[0].message.content or \"\"\n"
            "        return out.strip()\n\n"
            "    return starmap(finish, items)\n") in batch
    assert all(f"    {name},\n" in text for name in ("Iterable", "Iterator", "List", "Tuple"))  # merged into typing


@pytest.mark.parametrize("caller, callee_change, reason", [
    ("def run(xs):  # llm-latency: scheduled\n    return [wrap(x) for x in xs]\n\n\ndef wrap(x):\n    y = x.strip()\n"
     "    return summarize(y)\n", None, "`wrap` does work before the call"),
    ("def run(xs):  # llm-latency: scheduled\n    return [wrap(x) for x in xs]\n\n\ndef wrap(x):\n"
     "    return f'{x}: {summarize(x)}'\n", None, "the call is not `name = <call>`, `<call>` or `return <call>` at the top of `wrap`"),
    ("def run(xs):  # llm-latency: scheduled\n    return [wrap(x) for x in xs]\n\n\n@functools.cache\ndef wrap(x):\n"
     "    return summarize(x)\n", None, "`wrap` is decorated"),
    ("def run(xs):  # llm-latency: scheduled\n    return [summarize(x.strip()) for x in xs]\n",
     None, "the arguments the loop passes call code"),
    ("def run(xs):  # llm-latency: scheduled\n    return [summarize(x) for x in xs]\n",
     ("def summarize(text):\n", "def summarize(*text):\n"), "`summarize` takes `*args`"),
    ("def run(xs):  # llm-latency: scheduled\n    global MODEL\n    for x in xs:\n        print(summarize(x))\n"
     "        MODEL = 'gpt-4o'\n",
     ('model="gpt-4o-mini"', "model=MODEL"), "the request reads `MODEL`, which the loop body changes"),
    ("def run(xs):  # llm-latency: scheduled\n    return [summarize(x) for x in xs]\n",
     ("def summarize(text):\n", "def summarize(text):\n    text = text.strip()\n"), "does work before the call"),
    ("def run(xs):  # llm-latency: scheduled\n    for x in xs:\n        if summarize(x) == 'stop':\n            break\n",
     None, "`break` inside the loop"),
    ("def run(rows):  # llm-latency: scheduled\n    return [[summarize(x) for x in row] for row in rows]\n",
     None, "runs inside another loop (line 12)"),
    ("def run(rows):  # llm-latency: scheduled\n    for row in rows:\n        for x in row:\n            print(summarize(x))\n",
     None, "the loop at jobs.py:13 runs inside another loop (line 12)"),
    ("def run(xs):  # llm-latency: scheduled\n    try:\n        return [summarize(x) for x in xs]\n    except ValueError:\n        return []\n",
     None, "is inside `try` (line 12)"),
    ("def run(groups):  # llm-latency: scheduled\n    for g in groups:\n        each(g)\n\n\ndef each(xs):\n    return [summarize(x) for x in xs]\n",
     None, "`each` is itself called once per item (for loop at jobs.py:12)"),
])
def test_what_is_not_batched_at_the_callers_loop_is_refused_with_the_loop(tmp_path, caller, callee_change, reason):
    source = SUMMARIZE + "\n\n" + caller
    if callee_change:
        source = source.replace(*callee_change)
    fix = _fixes(tmp_path, {"jobs.py": source})[("jobs.py", "LLM001")]
    assert not fix.applicable
    assert "is called once per item from the" in fix.refusal and " at jobs.py:" in fix.refusal
    assert reason in fix.refusal


def test_a_caller_in_another_module_is_batched_there_in_the_same_fix(tmp_path):
    write_project(tmp_path, {"app/__init__.py": "", "app/summarize.py": SUMMARIZE, "app/run.py": '''\
            from app.summarize import summarize


            def run(xs):  # llm-latency: scheduled
                return [summarize(x) for x in xs]
            '''})
    report = fix_paths([tmp_path], parse({}, "test"), FixOptions(unsafe=True), write=False)
    assert sorted(report.fixed) == ["app/_llm_batch.py", "app/run.py", "app/summarize.py"]
    assert report.fixed["app/run.py"] == textwrap.dedent('''\
        from app.summarize import summarize_batch


        def run(xs):  # llm-latency: scheduled
            return list(summarize_batch([x for x in xs]))
        ''')
    assert "def summarize_batch(calls):" in report.fixed["app/summarize.py"]
    assert "from app._llm_batch import _openai_batch\n" in report.fixed["app/summarize.py"]
    outcome = next(o for o in report.outcomes if o.status == "applied")
    assert outcome.reason.startswith("batch at the caller's loop (app/run.py:5, `run`): `summarize_batch`")


def test_a_cross_module_fix_shows_both_files_in_its_edits(tmp_path):
    fixes = _fixes(tmp_path, {"app/__init__.py": "", "app/summarize.py": SUMMARIZE, "app/run.py": '''\
            from app.summarize import summarize


            def run(xs):  # llm-latency: scheduled
                return [summarize(x) for x in xs]
            '''})
    fix = fixes[("app/summarize.py", "LLM001")]
    assert fix.applicable
    assert {e.path for e in fix.edits} == {"app/summarize.py", "app/run.py", "app/_llm_batch.py"}


PAGING = '''\
import anthropic
from django.core.mail import send_mail
from twilio.rest import Client as TwilioClient

claude = anthropic.Anthropic()
sms = TwilioClient("sid", "token")


def write_digest(rows):
    m = claude.messages.create(model="claude-haiku-4-5", max_tokens=800, messages=[{"role": "user", "content": rows}])
    return m.content[0].text


def page_people(count):
    sms.messages.create(to="+1", from_="+2", body=f"{count} breaches")


def send_digest(rows):  # llm-latency: scheduled
    send_mail("digest", write_digest(rows), "a@b.c", ["d@e.f"])
    if len(rows) > 10:
        page_people(len(rows))
'''


def test_a_caller_that_pages_refuses_the_batch_fix(tmp_path):
    fix = _fixes(tmp_path, {"sla.py": PAGING})[("sla.py", "LLM001")]
    assert not fix.applicable
    assert fix.refusal.startswith("time-critical side effect (paging, SMS, alerting): its caller `send_digest` calls "
                                  "`page_people` (sla.py:21): page_people sends sms")
    assert "fix-time-critical = true" in fix.refusal


@pytest.mark.parametrize("old, new", [
    ('    sms.messages.create(to="+1", from_="+2", body=f"{count} breaches")',
     '    import pdpyras\n\n    pdpyras.EventsAPISession("key").trigger(f"{count} breaches", "deskapp")'),
    ("page_people", "send_alert"),
    ('    sms.messages.create(to="+1", from_="+2", body=f"{count} breaches")',
     '    requests.post("https://events.pagerduty.com/v2/enqueue", json={"count": count})'),
])
def test_paging_services_and_alert_functions_are_time_critical(tmp_path, old, new):
    source = "import requests\n" + PAGING.replace(old, new)
    fix = _fixes(tmp_path, {"sla.py": source})[("sla.py", "LLM001")]
    assert not fix.applicable and "time-critical" in fix.refusal


def test_the_same_function_sending_an_sms_refuses(tmp_path):
    source = PAGING.replace("    return m.content[0].text", "    sms.messages.create(to='+1', from_='+2', body=m.content[0].text)")
    fix = _fixes(tmp_path, {"sla.py": source})[("sla.py", "LLM001")]
    assert not fix.applicable and fix.refusal.startswith("time-critical side effect (paging, SMS, alerting): write_digest sends sms")


def test_mail_alone_is_not_time_critical(tmp_path):
    source = PAGING.replace("    if len(rows) > 10:\n        page_people(len(rows))\n", "")
    fix = _fixes(tmp_path, {"sla.py": source})[("sla.py", "LLM001")]
    assert fix.applicable, fix.refusal


def test_config_allows_the_time_critical_fix(tmp_path):
    write_project(tmp_path, {"sla.py": PAGING})
    report = fix_paths([tmp_path], parse({"fix-time-critical": True}, "test"), FixOptions(unsafe=True), write=False)
    assert "_anthropic_batch(" in report.fixed["sla.py"]


def test_the_config_key_is_validated():
    with pytest.raises(ConfigError, match="fix-time-critical"):
        parse({"fix-time-critical": "yes"}, "test")


def test_a_default_naming_the_functions_module_is_not_copied_into_another_module(tmp_path):
    summarize = SUMMARIZE.replace("def summarize(text):", 'MODEL = "gpt-4o-mini"\n\n\ndef summarize(text, model=MODEL):')
    fix = _fixes(tmp_path, {"app/__init__.py": "", "app/summarize.py": summarize, "app/run.py": '''\
            from app.summarize import summarize


            def run(xs):  # llm-latency: scheduled
                return [summarize(x) for x in xs]
            '''})[("app/summarize.py", "LLM001")]
    assert not fix.applicable
    assert "the loop leaves `model` to its default, which names something of the function's module" in fix.refusal
