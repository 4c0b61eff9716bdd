"""A retry or fallback loop in a caller is not a per-item loop (issue 16, item 2).

Found on real code by scripts/fix_rate.py: a function with one LLM call, called from
``for api in apis: for attempt in range(n): try: return call(api) ...`` (a fallback over servers,
then retries), was refused with "batch at that loop instead (collect the requests over the
items ...)": wrong advice for a loop that stops at the first success. Now the batch refusal names
the retry loop, and flex (which keeps the call as it is) still applies where it is allowed.
"""
from __future__ import annotations

import ast
import textwrap

import pytest
from support.fixlib import write_project

from llm_latency_lint.config import parse
from llm_latency_lint.engine import run
from llm_latency_lint.fixes import FixOptions, attach
from llm_latency_lint.fixes.callers import retry_calls

ASK = '''\
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    r = client.chat.completions.create(model="o3", messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content
'''

CALLERS = {
    "return in try": '''\
        def digest(prompt):  # llm-latency: scheduled
            for attempt in range(3):
                try:
                    return ask(prompt)
                except Exception:
                    continue
            return None
        ''',
    "fallback then break": '''\
        def digest(prompt, models):  # llm-latency: scheduled
            answer = None
            for model in models:
                try:
                    answer = ask(prompt + model)
                except Exception:
                    continue
                break
            return answer
        ''',
    "try else return": '''\
        def digest(prompt):  # llm-latency: scheduled
            for attempt in range(3):
                try:
                    answer = ask(prompt)
                except Exception:
                    continue
                else:
                    return answer
        ''',
}


def _fixes(root, caller, strategy="auto", config=None):
    write_project(root, {"app/__init__.py": "", "app/ask.py": ASK,
                         "app/job.py": "from app.ask import ask\n\n\n" + textwrap.dedent(caller)})
    cfg = parse(config or {}, "test")
    result = run([root], cfg)
    attach(result, cfg, FixOptions(strategy=strategy))
    return {f.code: f.fix for f in result.findings if f.fix is not None and f.path == "app/ask.py"}


@pytest.mark.parametrize("shape", sorted(CALLERS))
def test_batch_is_refused_naming_the_retry_loop(tmp_path, shape):
    fix = _fixes(tmp_path, CALLERS[shape], strategy="batch")["LLM001"]
    loop_line = 6 if shape == "fallback then break" else 5
    assert fix.refusal.startswith(f"the call is inside a retry/fallback loop at app/job.py:{loop_line}")
    assert "batch at that loop instead" not in fix.refusal


@pytest.mark.parametrize("shape", sorted(CALLERS))
def test_flex_still_applies_under_auto(tmp_path, shape):
    fix = _fixes(tmp_path, CALLERS[shape])["LLM001"]
    assert not fix.refusal and fix.edits
    assert "mode: flex" in fix.description and "retry/fallback loop" in fix.description


def test_a_loop_over_items_is_still_per_item(tmp_path):
    fix = _fixes(tmp_path, '''\
        def digest(prompts):  # llm-latency: scheduled
            answers = []
            for prompt in prompts:
                try:
                    answers.append(ask(prompt))
                except Exception:
                    continue
                if len(answers) > 10:
                    break
            return answers
        ''', strategy="batch")["LLM001"]
    assert "retry/fallback" not in (fix.refusal or "")


@pytest.mark.parametrize("code, expected", [
    ("for a in x:\n    try:\n        return f(a)\n    except E:\n        continue\n", {"f"}),
    ("for a in x:\n    r = f(a)\n    g(r)\n", set()),
    ("for a in x:\n    r = f(a)\n    if r:\n        break\n", set()),
    ("for a in x:\n    with h() as c:\n        r = f(c)\n    return r\n", {"f", "h"}),
    ("for a in x:\n    for b in a:\n        f(b)\n    break\n", set()),
])
def test_retry_calls_are_those_an_exit_follows(code, expected):
    loop = ast.parse("def w():\n" + textwrap.indent(code, "    ")).body[0].body[0]  # type: ignore[attr-defined]
    marked = retry_calls(loop.body)
    names = {n.func.id for n in ast.walk(loop) if isinstance(n, ast.Call) and id(n) in marked}
    assert names == expected
