"""The prefilter's selection parses most kept files with CPython for their exports; the check
before the facts pass must reuse that parse (``syntax.checked``), with the same verdict, and only
for the very text object it was made for."""
from __future__ import annotations

import ast

import pytest

from llm_latency_lint.facts import pool
from llm_latency_lint.facts.exports import read_exports
from llm_latency_lint.facts.prefilter import anchor_parts
from llm_latency_lint.syntax import checked, parse

TEXT = (
    "import openai\n\n@app.get('/x')\ndef handler(q):\n    if q:\n        return openai.chat(f\"{g(q)}\")\n"
    "    while True:\n        h()\n\nclass K(Base):\n    @property\n    def p(self):\n        return f(1)(2)\n"
)


def _fresh(text: str) -> checked.Checked:
    copy = "".join(list(text))  # an equal text, another object: checked from scratch
    parse.check_python(copy)
    found = checked.checked_tree(copy)
    assert found is not None
    return found


def _no_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> ast.Module:
        raise AssertionError("parsed twice")

    monkeypatch.setattr(parse.ast, "parse", refuse)


def test_the_check_reuses_the_selections_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _fresh(TEXT)
    text = "".join(list(TEXT))
    read_exports(text, "m", False, anchor_parts(), True)  # what the selection does
    _no_parse(monkeypatch)
    assert parse.check_python(text) == expected.cost
    found = checked.checked_tree(text)
    assert found is not None and found.spans == expected.spans
    assert found.raw("calls") and found.raw("decorators") and found.raw("fstrings")


def test_an_equal_text_is_not_vouched_for() -> None:
    text = "".join(list(TEXT))
    checked.measured(text, ast.parse(text))
    assert checked.take("".join(list(TEXT))) is None
    assert checked.take(text) is not None
    assert checked.take(text) is None  # taken once
    checked.forget()


def test_a_tree_nested_too_deep_is_not_vouched_for() -> None:
    text = "x = " + "-" * 250 + "1\n"
    checked.measured(text, ast.parse(text))
    assert checked.take(text) is None
    with pytest.raises(parse.ParseFailure):
        parse.check_python(text)


def test_a_worker_gets_the_verdict_with_the_job(monkeypatch: pytest.MonkeyPatch) -> None:
    job = ("m.py", "".join(list(TEXT)), "m", False)
    expected = pool.extract_one(job, frozenset())
    verdict = _fresh(TEXT)
    copy = ("m.py", "".join(list(TEXT)), "m", False)
    _no_parse(monkeypatch)
    [entry] = pool._chunk(([copy], [verdict], frozenset()))
    assert not isinstance(entry, str) and not isinstance(expected, str)
    assert entry.to_dict() == expected.to_dict()


def test_a_flake8_workers_child_gets_the_verdict_with_the_job(monkeypatch: pytest.MonkeyPatch) -> None:
    """``facts.child``: the verdict goes through the JSON pipe with its job, and the child's
    check of the job's text takes it instead of parsing again; same facts."""
    import io
    import json
    import sys

    from llm_latency_lint.facts import child

    job = ("m.py", "".join(list(TEXT)), "m", False)
    expected = pool.extract_one(job, frozenset())
    sent = "".join(list(TEXT))
    checked.measured(sent, ast.parse(sent))  # the worker's selection parsed it
    request = {"wrappers": [], "jobs": [[*job[:1], sent, *job[2:], child._verdict(sent)]]}
    assert checked.take(sent) is None  # the verdict left with the job
    stdin, stdout = io.BytesIO(json.dumps(request).encode()), io.BytesIO()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stdin))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(stdout))
    _no_parse(monkeypatch)  # in the child, as in any worker: one job runs in-process
    assert child.main() == 0
    sys.stdout.flush()
    [entry] = [child._decode(item) for item in json.loads(stdout.getvalue())]
    assert not isinstance(entry, str) and not isinstance(expected, str)
    assert entry.to_dict() == expected.to_dict()
