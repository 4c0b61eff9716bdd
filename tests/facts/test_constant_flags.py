"""A flag bound once to a false literal (``DEBUG = False`` ... ``if DEBUG:``) guards code that never
runs; a flag bound twice, set through ``global``, or bound in another function stays live."""
from __future__ import annotations

from support.scan import scan


def _classes(tmp_path, source):
    return [(s.resolved.site.line, s.latency_class)
            for s in sorted(scan(tmp_path, source).sites, key=lambda s: s.resolved.site.line)]


def test_module_and_local_flags_bound_once_to_false_guard_dead_code(tmp_path):
    found = _classes(tmp_path, """
        from fastapi import FastAPI
        from openai import OpenAI

        app = FastAPI()
        client = OpenAI()
        VERBOSE = False

        @app.get("/s")
        def summarize(text: str):
            map_reduce = False
            if VERBOSE:
                client.embeddings.create(model="e", input=[text])
            elif map_reduce:
                client.moderations.create(input=text)
            return client.chat.completions.create(model="m", messages=[text])
    """)
    assert found == [(13, "unknown"), (15, "unknown"), (16, "real-time")]


def test_flags_bound_again_or_elsewhere_stay_live(tmp_path):
    found = _classes(tmp_path, """
        from fastapi import FastAPI
        from openai import OpenAI

        app = FastAPI()
        client = OpenAI()
        VERBOSE = False
        TRACE = None

        def enable():
            global VERBOSE
            VERBOSE = True

        def other():
            local_flag = False
            return local_flag

        @app.get("/s")
        def summarize(text: str, local_flag=None):
            if VERBOSE:
                client.embeddings.create(model="e", input=[text])
            if local_flag:
                client.moderations.create(input=text)
            for TRACE in (0, 1):
                if TRACE:
                    client.chat.completions.create(model="m", messages=[text])
    """)
    assert found == [(21, "real-time"), (23, "real-time"), (26, "real-time")]
