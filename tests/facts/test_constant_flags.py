"""A function's flag bound once to a false literal (``dry = False`` ... ``if dry:``) guards code that
never runs; a flag bound twice, set through ``global``, bound in another function, or in a file
writing names dynamically stays live. A module-level flag is settled by the project stage
(``tests/project/test_false_flags.py``): dead here, where no other module sets it."""
from __future__ import annotations

from support.scan import scan


def _classes(tmp_path, source):
    return [(s.resolved.site.line, s.latency_class)
            for s in sorted(scan(tmp_path, source).sites, key=lambda s: s.resolved.site.line)]


def test_local_flags_bound_once_to_false_guard_dead_code(tmp_path):
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
    # ``VERBOSE`` is module-level and no other module sets it (``summary.VERBOSE = True``)
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


def test_a_file_writing_names_dynamically_keeps_its_flags_live(tmp_path):
    found = _classes(tmp_path, """
        from fastapi import FastAPI
        from openai import OpenAI

        app = FastAPI()

        @app.get("/s")
        def summarize(text: str):
            dry = False
            vars().update(dry=True)
            if dry:
                OpenAI().moderations.create(input=text)
    """)
    assert found == [(12, "real-time")]


def test_many_bound_names_are_looked_at_in_one_pass():
    from llm_latency_lint.facts.constant_flags import maybe_flags

    bound = "".join(f"NAME_{i} = False\n" for i in range(2000))
    assert not maybe_flags(bound + "if OTHER:\n    pass\n")
    assert maybe_flags(bound + "if NAME_1999:\n    pass\n")
