"""A call's callee is encoded once per visit: the call's handlers and the recognisers asking
``ctx.qualified(node.func)`` read the expression ``visit_Call`` made (seven encodings a call
before, a twentieth of the facts pass), and the facts are those the separate encodings gave."""
from __future__ import annotations

from collections import Counter
from contextlib import contextmanager

from llm_latency_lint.facts import calls, names
from llm_latency_lint.facts.codec import encode_facts
from llm_latency_lint.facts.routes import RoutesMixin
from llm_latency_lint.facts.visitor import FactsVisitor, extract

SOURCE = """\
import subprocess
import time
from openai import OpenAI

client = OpenAI()


def nightly(items, fallback):
    model = client if items else fallback
    model = wrap(model)
    while True:
        for item in items:
            model.chat.completions.create(model="m", messages=[item])
        subprocess.run(["python", "digest.py"], check=True)
        executor.submit(summarize, items)
        time.sleep(3600)
"""


def test_each_callee_is_encoded_once_while_its_call_is_visited(monkeypatch):
    visiting, during = [None], Counter()
    real_expr = names.NamesMixin._expr

    def counting(self, node):
        if node is visiting[0]:
            during[id(node)] += 1
        return real_expr(self, node)

    def visit_call(self, node):
        visiting[0] = node.func
        try:
            RoutesMixin.visit_Call(self, node)
        finally:
            visiting[0] = None

    monkeypatch.setattr(names.NamesMixin, "_expr", counting)
    monkeypatch.setattr(FactsVisitor, "visit_Call", visit_call)
    facts = extract(SOURCE, "app/jobs.py", "app.jobs")
    assert 13 in [s.line for s in facts.call_sites]
    assert len(during) == 6 and set(during.values()) == {1}


def test_the_facts_are_those_of_separate_encodings(monkeypatch):
    once = encode_facts(extract(SOURCE, "app/jobs.py", "app.jobs"))

    @contextmanager
    def every_time(self, func, encoded):
        yield

    monkeypatch.setattr(calls.CallsMixin, "callee_encoded", every_time)
    assert encode_facts(extract(SOURCE, "app/jobs.py", "app.jobs")) == once
