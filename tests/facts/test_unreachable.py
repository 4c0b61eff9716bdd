"""Code that never runs (issue 15): calls after a statement that always leaves its block, or under
``if False:``, are no edges; an LLM call there stays listed as unknown, saying why."""
from __future__ import annotations

from support.scan import scan


def _classes(tmp_path, source):
    return [(s.resolved.site.line, s.latency_class, s.evidence[0].note if s.evidence else "")
            for s in sorted(scan(tmp_path, source).sites, key=lambda s: s.resolved.site.line)]


def test_a_call_after_a_try_whose_every_way_out_returns_never_runs(tmp_path):
    found = _classes(tmp_path, """
        from fastapi import FastAPI
        from openai import OpenAI

        app = FastAPI()
        client = OpenAI()

        @app.get("/s")
        def summarize(text: str):
            try:
                return client.chat.completions.create(model="m", messages=[text])
            except Exception:
                return "error"
            client.embeddings.create(model="e", input=[text])
    """)
    assert [(line, cls) for line, cls, _ in found] == [(11, "real-time"), (14, "unknown")]
    assert found[1][2] == "never runs: unreachable after the try at line 10, every way out of which leaves the block (return)"


def test_calls_after_return_raise_continue_and_under_if_false_are_not_edges(tmp_path):
    """``dead`` is called only from code that never runs: unknown, not real-time; ``ask`` is
    reached from the live branch."""
    found = _classes(tmp_path, """
        from fastapi import FastAPI
        from openai import OpenAI

        app = FastAPI()
        client = OpenAI()

        def ask(text):
            return client.responses.create(model="m", input=text)

        def dead(text):
            return client.embeddings.create(model="e", input=[text])

        @app.get("/a")
        def handler(items: list):
            for item in items:
                if item:
                    continue
                    dead(item)
                else:
                    raise ValueError(item)
                dead("after an if whose branches both leave")
            if False:
                dead("disabled")
            while 0:
                dead("never looped")
            if None:
                dead("none")
            return ask("reached")
            dead("after the return")
    """)
    assert [(line, cls) for line, cls, _ in found] == [(9, "real-time"), (12, "unknown")]
    assert "never runs" not in found[1][2]  # the site itself is live code nobody reaches


def test_conditional_leaves_keep_the_code_after_them(tmp_path):
    found = _classes(tmp_path, """
        from openai import OpenAI

        client = OpenAI()

        def job(flag):
            if flag:
                return None
            try:
                client.responses.create(model="m", input="a")
            except ValueError:
                return None
            client.responses.create(model="m", input="b")
            with open("x") as f:
                return f
            client.responses.create(model="m", input="c")

        if __name__ == "__main__":
            job(input())  # a value from outside: the early return decides nothing (policy 14)
    """)
    assert [(line, cls) for line, cls, _ in found] == [(10, "real-time"), (13, "real-time"), (16, "unknown")]


def test_a_with_that_may_swallow_the_exception_leaves_the_code_after_it_live(tmp_path):
    """``contextlib.suppress`` swallows the ``KeyError`` before the ``return``: the call after runs;
    a ``with open(...)`` that returns makes it dead, and the reason names the ``with``."""
    found = _classes(tmp_path, """
        import contextlib
        from fastapi import FastAPI
        from openai import OpenAI
        app = FastAPI()
        client = OpenAI()
        CACHE = {}

        @app.get("/s")
        def summarize(text: str):
            with contextlib.suppress(KeyError):
                v = CACHE[text]
                return v
            return client.chat.completions.create(model="m", messages=[text])

        @app.get("/t")
        def other(text: str):
            with open(text) as f:
                return f.read()
            return client.chat.completions.create(model="m", messages=[text])
    """)
    assert [(line, cls) for line, cls, _ in found] == [(14, "real-time"), (20, "unknown")]
    assert found[1][2] == ("never runs: unreachable after the with at line 18, every way out of which leaves "
                           "the block (return)")
