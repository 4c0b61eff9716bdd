"""Branches a constructor's stored flag or a dotted constant decides (label policy 14, session 41):
``Agent(dummy_mode=True)`` at the only construction leaves the code after ``if self.dummy_mode:
return`` dead; ``LLMClient(Provider.AZURE)`` everywhere leaves ``elif self.provider ==
Provider.ANTHROPIC:`` dead. Another write of the attribute, a construction passing another value,
or a constant the project cannot read keeps every branch live."""
from __future__ import annotations

from textwrap import dedent

from support.scan import scan

from llm_latency_lint.facts.visitor import extract

CONSTS = """
    class Provider:
        OPENAI = "openai"
        ANTHROPIC = "anthropic"
        AZURE = "azure"
"""

CLIENT = """
    from openai import OpenAI
    from anthropic import Anthropic
    from consts import Provider


    class LLMClient:
        def __init__(self, provider: Provider = Provider.AZURE, dummy: bool = False):
            self.provider = provider
            self.dummy = dummy

        def ask(self, text):
            if self.dummy:
                return "canned"
            if self.provider == Provider.OPENAI or self.provider == Provider.AZURE:
                return OpenAI().chat.completions.create(model="m", messages=[text])
            elif self.provider == Provider.ANTHROPIC:
                return Anthropic().messages.create(model="c", max_tokens=9, messages=[text])
"""

APP = """
    from fastapi import FastAPI
    from client import LLMClient
    from consts import Provider

    app = FastAPI()
    {constructions}

    @app.get("/s")
    def route(text: str):
        return client.ask(text)
"""


def _classes(tmp_path, constructions, extra=None):
    files = {"consts.py": CONSTS, "client.py": CLIENT, **(extra or {})}
    for name, source in files.items():
        (tmp_path / name).write_text(dedent(source), encoding="utf-8")
    app = dedent(APP).replace("{constructions}", "\n".join(constructions))
    found = scan(tmp_path, app, "app.py").sites
    return {s.resolved.site.line: (s.latency_class, s.evidence[0].note if s.evidence else "")
            for s in found if s.resolved.facts.path == "client.py"}


def test_a_branch_no_constructed_constant_selects_never_runs(tmp_path):
    found = _classes(tmp_path, ["client = LLMClient(Provider.OPENAI)"])
    assert found[16][0] == "real-time"
    assert found[18] == ("unknown", "never runs: unreachable in a branch no caller selects: "
                                    "self.provider is only ever 'openai'")


def test_the_default_constant_counts_where_a_construction_omits_it(tmp_path):
    found = _classes(tmp_path, ["client = LLMClient()"])
    assert (found[16][0], found[18][0]) == ("real-time", "unknown")


def test_a_stored_flag_that_returns_early_leaves_the_rest_dead(tmp_path):
    found = _classes(tmp_path, ["client = LLMClient(Provider.ANTHROPIC, dummy=True)"])
    assert (found[16][0], found[18][0]) == ("unknown", "unknown")
    assert found[18][1].endswith("self.dummy is only ever True")


def test_a_construction_with_a_constant_the_class_lacks_raises_and_passes_nothing(tmp_path):
    found = _classes(tmp_path, ["client = LLMClient(Provider.OPENAI)", "spare = LLMClient(Provider.MISSING)"])
    assert (found[16][0], found[18][0]) == ("real-time", "unknown")


def test_another_write_of_the_attribute_keeps_its_branches_live(tmp_path):
    found = _classes(tmp_path, ["client = LLMClient(Provider.OPENAI)", "client.provider = Provider.ANTHROPIC"])
    assert (found[16][0], found[18][0]) == ("real-time", "real-time")


def test_a_construction_passing_a_value_from_outside_keeps_every_branch_live(tmp_path):
    found = _classes(tmp_path, ["import os", "client = LLMClient(os.environ['PROVIDER'])"])
    assert (found[16][0], found[18][0]) == ("real-time", "real-time")


def test_a_constant_the_project_cannot_read_keeps_the_branch_live(tmp_path):
    # a constant from a library: its value is not the repository's to know
    found = _classes(tmp_path, ["from vendor_sdk import Names", "client = LLMClient(Names.ANTHROPIC)"])
    assert (found[16][0], found[18][0]) == ("real-time", "real-time")


def test_a_constructor_named_only_in_an_export_list_keeps_its_callers_values(tmp_path):
    found = _classes(tmp_path, ["client = LLMClient(Provider.OPENAI)"],
                     {"exports.py": 'from client import LLMClient\n\n__all__ = ["LLMClient"]\n', "base.py": """
                         from openai import OpenAI
                         from somewhere import Base

                         class Plugin(Base):
                             def __init__(self):
                                 super().__init__()
                     """})
    assert found[18][0] == "unknown"  # neither the export nor another class's ``super().__init__()`` escapes it


def test_an_early_return_on_a_parameter_no_caller_clears(tmp_path):
    (tmp_path / "jobs.py").write_text(dedent("""
        from openai import OpenAI

        def summarise(text, dry_run=True):
            if dry_run:
                return None
            return OpenAI().chat.completions.create(model="m", messages=[text])
    """), encoding="utf-8")
    found = scan(tmp_path, """
        from fastapi import FastAPI
        from jobs import summarise

        app = FastAPI()

        @app.get("/s")
        def route(text: str):
            return summarise(text)
    """, "app.py").sites
    assert [(s.resolved.site.line, s.latency_class) for s in found] == [(7, "unknown")]


def test_the_facts_count_attribute_writes_other_than_a_class_s_own():
    facts = extract(dedent("""
        class C:
            def __init__(self, flag=False):
                self.flag = flag
                self.count += 1

        def setup(c, o):
            c.flag = True
            o.a, o.b = 1, 2
            setattr(c, "mode", 3)
    """), "m.py", "m")
    assert facts.attr_writes == {"count": 1, "flag": 1, "a": 1, "b": 1, "mode": 1}
    assert facts.functions["m.C.__init__"].stores == {"flag": "flag"}


def test_a_module_level_instance_s_method_binds_its_arguments_past_self(tmp_path):
    # ``generator.make(topic, language)`` through a module global: ``language`` is the route's, not the default
    (tmp_path / "quiz.py").write_text(dedent("""
        from openai import OpenAI

        class Quiz:
            def make(self, topic, language="en"):
                if language == "en":
                    return None
                return OpenAI().chat.completions.create(model="m", messages=[topic])
    """), encoding="utf-8")
    found = scan(tmp_path, """
        from fastapi import FastAPI
        from quiz import Quiz

        app = FastAPI()
        generator = Quiz()

        @app.get("/q")
        def route(topic: str, language: str):
            return generator.make(topic, language)
    """, "app.py").sites
    assert [(s.resolved.site.line, s.latency_class) for s in found] == [(8, "real-time")]
