"""A lambda bound inside a function to a name nothing reads is never called (issue 15, round 12):
the model call in its body is no call of the function that builds it; any use of the name keeps it."""
from __future__ import annotations

from support.scan import scan


def _classes(tmp_path, source):
    return [(s.resolved.site.line, s.latency_class, s.evidence[0].note if s.evidence else "")
            for s in sorted(scan(tmp_path, source).sites, key=lambda s: s.resolved.site.line)]


HEAD = """
    from fastapi import FastAPI
    from openai import OpenAI

    app = FastAPI()
    client = OpenAI()
    ask = None
"""


def test_a_lambda_bound_to_a_local_or_declared_global_nothing_reads_never_runs(tmp_path):
    found = _classes(tmp_path, HEAD + """
    def configure(t):
        global ask
        ask = lambda p: client.chat.completions.create(model="m", messages=[p], temperature=t)
        draft = lambda p: client.embeddings.create(model="e", input=[p])

    @app.get("/s")
    def summarize(text: str):
        configure(0.2)
        return text
    """)
    assert [(line, cls) for line, cls, _ in found] == [(11, "unknown"), (12, "unknown")]
    assert found[0][2] == "never runs: unreachable in the lambda bound to ask at line 11, which nothing calls"


def test_a_lambda_called_passed_or_returned_runs(tmp_path):
    found = _classes(tmp_path, HEAD + """
    @app.get("/a")
    def a(text: str):
        go = lambda: client.chat.completions.create(model="m", messages=[text])
        return go()

    @app.get("/b")
    def b(text: str):
        run = lambda: client.embeddings.create(model="e", input=[text])
        return sorted([text], key=run)

    def make():
        fn = lambda p: client.moderations.create(input=p)
        return fn
    """)
    assert [cls for _, cls, _ in found] == ["real-time", "real-time", "unknown"]
    assert not any("lambda bound" in note for _, _, note in found)
