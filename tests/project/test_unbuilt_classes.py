"""Only tests reach (issue 15): a class no code outside the tests names has no instance at run
time, so a call dispatched to it through a protocol or by name is no edge; a class the code builds,
or one with a project base or a registering decorator, keeps its edges."""
from __future__ import annotations

from textwrap import dedent

from support.scan import scan

BACKENDS = """
    from dataclasses import dataclass
    from typing import Protocol
    from openai import OpenAI


    class Backend(Protocol):
        def submit(self, text: str) -> str: ...


    @dataclass
    class LocalBackend:
        def submit(self, text: str) -> str:
            return text


    @dataclass
    class RemoteBackend:
        def submit(self, text: str) -> str:
            return OpenAI().chat.completions.create(model="m", messages=[text]).id


    def run(text: str, backend: Backend | None = None) -> str:
        backend = backend or LocalBackend()
        return backend.submit(text)
"""

APP = """
    from fastapi import FastAPI
    from backends import run, {built}

    app = FastAPI()

    @app.get("/s")
    def route(text: str):
        return run(text{argument})
"""


def _classes(tmp_path, app, test=""):
    (tmp_path / "backends.py").write_text(dedent(BACKENDS), encoding="utf-8")
    if test:
        (tmp_path / "tests").mkdir()
        (tmp_path / "tests" / "test_backends.py").write_text(dedent(test), encoding="utf-8")
    return [(s.resolved.facts.path, s.latency_class) for s in scan(tmp_path, app, "app.py").sites]


def test_a_backend_only_tests_build_is_not_reached_through_the_protocol(tmp_path):
    test = """
        from backends import RemoteBackend, run

        def test_remote():
            assert run("x", RemoteBackend())
    """
    assert _classes(tmp_path, APP.format(built="LocalBackend", argument=""), test) == [("backends.py", "unknown")]


def test_a_backend_the_code_builds_is_reached(tmp_path):
    found = _classes(tmp_path, APP.format(built="RemoteBackend", argument=", RemoteBackend()"))
    assert found == [("backends.py", "real-time")]


def test_a_backend_built_from_a_computed_name_is_reached(tmp_path):
    (tmp_path / "factory.py").write_text(dedent("""
        import backends

        def make(name: str):
            return getattr(backends, f"{name}Backend")()
    """), encoding="utf-8")
    app = """
        from fastapi import FastAPI
        from backends import run
        from factory import make

        app = FastAPI()

        @app.get("/s")
        def route(text: str, kind: str):
            return run(text, make(kind))
    """
    assert _classes(tmp_path, app) == [("backends.py", "real-time")]
