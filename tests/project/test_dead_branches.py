"""Branches no caller's literal selects (issue 15): a parameter compared to literals holds only its
default and the literals its callers pass; a branch none of them selects never runs. A caller
passing another value, a parameter bound again, or a function a trigger starts keeps it live."""
from __future__ import annotations

from textwrap import dedent

import pytest
from support.scan import scan

SUMMARY = """
    from openai import OpenAI
    from anthropic import Anthropic


    def summarise(text, provider="anthropic", fast=False):
        if provider == "anthropic":
            return Anthropic().messages.create(model="c", max_tokens=9, messages=[text])
        elif provider.startswith("open"):
            if fast:
                return OpenAI().completions.create(model="m", prompt=text)
            return OpenAI().chat.completions.create(model="m", messages=[text])
        return None
"""


def _classes(tmp_path, files):
    *rest, (name, last) = files.items()
    for other, source in rest:
        (tmp_path / other).write_text(dedent(source), encoding="utf-8")
    return [(s.resolved.site.line, s.latency_class, s.evidence[0].note if s.evidence else "")
            for s in sorted(scan(tmp_path, last, name).sites, key=lambda s: (s.resolved.facts.path, s.resolved.site.line))]


def test_a_branch_only_the_unused_default_selects_never_runs(tmp_path):
    found = _classes(tmp_path, {"summary.py": SUMMARY, "app.py": """
        from fastapi import FastAPI
        from summary import summarise

        app = FastAPI()

        @app.get("/s")
        def route(text: str):
            return summarise(text, "openai")

        @app.get("/t")
        def other(text: str):
            return summarise(text, provider="openai-compatible", fast=False)
    """})
    assert [(line, cls) for line, cls, _ in found] == [(8, "unknown"), (11, "unknown"), (12, "real-time")]
    assert found[0][2] == ("never runs: unreachable in a branch no caller selects: provider is only ever "
                           "'openai', 'openai-compatible'")
    assert found[1][2].endswith("fast is only ever False")


def test_a_caller_passing_a_variable_or_a_trigger_keeps_every_branch_live(tmp_path):
    found = _classes(tmp_path, {"summary.py": SUMMARY, "app.py": """
        import os
        from fastapi import FastAPI
        from summary import summarise

        app = FastAPI()

        @app.get("/s")
        def route(text: str):
            return summarise(text, os.environ["PROVIDER"])

        @app.get("/t")
        def other(text: str):
            return summarise(text, "openai")
    """})
    # ``provider`` may hold anything; ``fast`` still holds only its default
    assert [(line, cls) for line, cls, _ in found] == [(8, "real-time"), (11, "unknown"), (12, "real-time")]


def test_a_parameter_bound_again_in_the_body_keeps_its_branches_live(tmp_path):
    found = _classes(tmp_path, {"app.py": """
        from fastapi import FastAPI
        from openai import OpenAI

        app = FastAPI()

        def ask(text, model=None):
            if model is None:
                model = "gpt-4o"
            if model == "gpt-4o":
                return OpenAI().chat.completions.create(model=model, messages=[text])
            return None

        @app.get("/s")
        def route(text: str):
            return ask(text, "small")
    """})
    assert [(line, cls) for line, cls, _ in found] == [(11, "real-time")]


def test_a_method_called_on_its_instance_binds_past_self(tmp_path):
    found = _classes(tmp_path, {"app.py": """
        from fastapi import FastAPI
        from openai import OpenAI

        app = FastAPI()

        class Writer:
            def write(self, text, debug=False):
                if debug:
                    OpenAI().moderations.create(input=text)
                return OpenAI().chat.completions.create(model="m", messages=[text])

        @app.get("/s")
        def route(text: str):
            return Writer().write(text)
    """})
    assert [(line, cls) for line, cls, _ in found] == [(10, "unknown"), (11, "real-time")]


def test_a_function_a_trigger_starts_or_handed_on_as_a_callable_keeps_its_branches(tmp_path):
    found = _classes(tmp_path, {"summary.py": SUMMARY, "app.py": """
        import threading
        from fastapi import FastAPI
        from openai import OpenAI
        from summary import summarise

        app = FastAPI()

        @app.get("/s")
        def route(text: str, mode: str = "short"):
            if mode == "long":
                OpenAI().embeddings.create(model="e", input=[text])
            threading.Thread(target=summarise, args=(text,)).start()
            return summarise(text, "openai", fast=True)
    """})
    assert [cls for _, cls, _ in found] == ["real-time", "mixed", "mixed", "mixed"]  # every branch live


_PASSED_ON = """
    from fastapi import FastAPI
    from openai import OpenAI

    app = FastAPI()

    def ask(text, single=False):
        if single:
            return OpenAI().chat.completions.create(model="m", messages=[text])
        else:
            return OpenAI().completions.create(model="m", prompt=text)

    def job(text, slow=False):
        return ask(text, single=not slow)

    @app.get("/s")
"""


def test_a_parameter_passed_on_or_negated_carries_its_callers_literals(tmp_path):
    found = _classes(tmp_path, {"app.py": _PASSED_ON + """
    def route(text: str, slow: bool = False):
        job(text)
        return job(text, False)

    @app.get("/t")
    def other(text: str, slow: bool = False):
        return ask(text, slow)
    """})
    # ``single`` is ``not slow`` from ``job`` (True) or ``route``'s own ``slow`` (anything): both live
    assert [(line, cls) for line, cls, _ in found] == [(9, "real-time"), (11, "real-time")]
    found = _classes(tmp_path, {"app.py": _PASSED_ON + """
    def route(text: str):
        job(text)
        return job(text, False)
    """})
    assert [(line, cls) for line, cls, _ in found] == [(9, "real-time"), (11, "unknown")]


def test_a_substring_test_or_an_identity_test_against_a_number_stays_live(tmp_path):
    found = _classes(tmp_path, {"ask.py": """
        from openai import OpenAI


        def ask(text, mode="x", strict=0):
            if mode in "rw":  # a substring: "" passes too
                OpenAI().completions.create(model="m", prompt=text)
            if strict is not True:  # 1 == True, but 1 is not True
                OpenAI().completions.create(model="m", prompt=text)
            return None
    """, "app.py": """
        from fastapi import FastAPI
        from ask import ask

        app = FastAPI()

        @app.get("/s")
        def route(text: str):
            ask(text, "", True)
            return ask(text, "", 1)
    """})
    assert [cls for _, cls, _ in found] == ["real-time", "real-time"]


def test_an_unbound_init_call_binds_its_arguments_after_self(tmp_path):
    found = _classes(tmp_path, {"app.py": """
        from openai import OpenAI


        class Base:
            def __init__(self, mode=None, speed="slow"):
                if speed == "slow":  # ``Base.__init__(self, "ask")``: mode is "ask", speed "slow"
                    OpenAI().completions.create(model="m", prompt=mode)


        class Child(Base):
            def __init__(self):
                Base.__init__(self, "ask")


        def main():
            Child()


        if __name__ == "__main__":
            main()
    """})
    assert found[0][1] != "unknown"


def test_a_method_whose_name_an_unlinked_call_or_a_getattr_holds_keeps_its_branches(tmp_path):
    found = _classes(tmp_path, {"app.py": """
        from fastapi import FastAPI
        from openai import OpenAI

        app = FastAPI()


        class Worker:
            def process(self, text, mode="fast"):
                if mode == "slow":
                    OpenAI().completions.create(model="m", prompt=text)

            def handle(self, text, mode="fast"):
                if mode == "slow":
                    OpenAI().completions.create(model="m", prompt=text)


        def relay(w, text):
            w.process(text, "slow")  # an untyped receiver: no edge, still a caller
            getattr(w, "handle")(text, "slow")


        @app.get("/s")
        def route(text: str):
            Worker().process(text)
            Worker().handle(text)
    """})
    assert [cls for _, cls, _ in found] == ["real-time", "real-time"]


_MATCHED = """
    from openai import OpenAI
    from anthropic import Anthropic


    def complete(text, provider="deepinfra", region=None):
        match provider:
            case "ollama" | "local":
                return OpenAI(base_url="http://localhost:11434/v1").chat.completions.create(model="l", messages=[text])
            case "anthropic" if region:
                return Anthropic().messages.create(model="c", max_tokens=9, messages=[text])
            case "anthropic":
                return Anthropic().messages.create(model="h", max_tokens=9, messages=[text])
            case _:
                return OpenAI().chat.completions.create(model="m", messages=[text])
"""


def test_a_match_case_no_caller_selects_never_runs(tmp_path):
    found = _classes(tmp_path, {"complete.py": _MATCHED, "app.py": """
        from fastapi import FastAPI
        from complete import complete

        app = FastAPI()

        @app.get("/s")
        def route(text: str):
            return complete(text, provider="deepinfra")

        @app.get("/t")
        def other(text: str):
            return complete(text)
    """})
    assert [(line, cls) for line, cls, _ in found] == [
        (9, "unknown"), (11, "unknown"), (13, "unknown"), (15, "real-time")]
    assert found[0][2] == ("never runs: unreachable in a branch no caller selects: provider is only ever "
                           "'deepinfra'")


def test_a_match_case_a_caller_selects_or_a_computed_value_keeps_it_live(tmp_path):
    found = _classes(tmp_path, {"complete.py": _MATCHED, "app.py": """
        import os
        from fastapi import FastAPI
        from complete import complete

        app = FastAPI()

        @app.get("/s")
        def route(text: str):
            return complete(text, "anthropic")

        @app.get("/t")
        def other(text: str):
            return complete(text, os.environ.get("PROVIDER", "deepinfra"))
    """})
    # the guarded case may fail on its guard, so the next "anthropic" case stays live too
    assert [cls for _, cls, _ in found] == ["real-time"] * 4
    found = _classes(tmp_path, {"complete.py": _MATCHED, "app.py": """
        from fastapi import FastAPI
        from complete import complete

        app = FastAPI()

        @app.get("/s")
        def route(text: str):
            return complete(text, "anthropic")
    """})
    # "anthropic" selects the guarded case and the one after it; the wildcard only what is left
    assert [(line, cls) for line, cls, _ in found] == [
        (9, "unknown"), (11, "real-time"), (13, "real-time"), (15, "unknown")]


_KEYED = {"providers/__init__.py": "", "providers/fast.py": """
    from openai import OpenAI


    def ask(text):
        return OpenAI().chat.completions.create(model="m", messages=[text])
""", "providers/slow.py": """
    from anthropic import Anthropic


    class Slow:
        def ask(self, text):
            return Anthropic().messages.create(model="c", max_tokens=9, messages=[text])
"""}

_TABLE = """
    from providers.fast import ask as fast_ask
    from providers.slow import Slow

    SUMMARIZERS = {
        "fast": {"func": fast_ask, "window": 128000},
        "slow": {"func": Slow().ask, "window": 200000},
    }
    MAKERS = {"slow": Slow}


    def summarise(text, key="slow"):
        entry = SUMMARIZERS[key]
        func = entry["func"]
        return func(text)


    def build(text, kind):
        return MAKERS.get(kind)().ask(text)
"""


def test_a_dict_entry_no_caller_s_key_selects_is_not_reached(tmp_path):
    (tmp_path / "providers").mkdir()
    found = _classes(tmp_path, {**_KEYED, "table.py": _TABLE, "app.py": """
        from fastapi import FastAPI
        from table import build, summarise

        app = FastAPI()

        @app.get("/s")
        def route(text: str):
            return summarise(text, "fast")

        @app.get("/t")
        def other(text: str):
            build(text, "fast")
            return summarise(text, key="fast")
    """})
    assert [(line, cls) for line, cls, _ in found] == [(6, "real-time"), (7, "unknown")]
    assert "in a dict entry no caller selects: key is only ever 'fast'" in found[1][2]


def test_a_dict_looked_up_by_a_computed_key_or_read_otherwise_reaches_every_entry(tmp_path):
    (tmp_path / "providers").mkdir()
    found = _classes(tmp_path, {**_KEYED, "table.py": _TABLE, "app.py": """
        from fastapi import FastAPI
        from table import summarise

        app = FastAPI()

        @app.get("/s")
        def route(text: str, key: str):
            return summarise(text, key)
    """})
    assert [cls for _, cls, _ in found] == ["real-time", "real-time"]
    found = _classes(tmp_path, {**_KEYED, "table.py": _TABLE + """

    def every(text):
        return [entry["func"](text) for entry in SUMMARIZERS.values()]
    """, "app.py": """
        from fastapi import FastAPI
        from table import summarise

        app = FastAPI()

        @app.get("/s")
        def route(text: str):
            return summarise(text, "fast")
    """})
    # ``SUMMARIZERS.values()`` reads every entry: the table is no longer read by key alone
    assert [cls for _, cls, _ in found] == ["real-time", "real-time"]


def test_a_loop_a_recogniser_only_suspected_of_consuming_a_queue_starts_nothing(tmp_path):
    """``for chunk in chunks`` over a helper's result is a consumer-loop candidate until the project
    sees what the helper returns; a candidate that never counts neither starts the function nor
    makes its callers unknowable."""
    (tmp_path / "providers").mkdir()
    found = _classes(tmp_path, {**_KEYED, "table.py": _TABLE.replace('''        func = entry["func"]
        return func(text)''', '''        func = entry["func"]
        chunks = split(text)
        for chunk in chunks:
            func(chunk)


    def split(text):
        return text.split(".")'''), "app.py": """
        from fastapi import FastAPI
        from table import summarise

        app = FastAPI()

        @app.get("/s")
        def route(text: str):
            return summarise(text, "fast")
    """})
    assert [(line, cls) for line, cls, _ in found] == [(6, "real-time"), (7, "unknown")]


def test_a_match_case_on_true_or_false_matches_by_identity_not_equality(tmp_path):
    """``case True:`` is an identity test: ``1`` skips it and the wildcard runs."""
    found = _classes(tmp_path, {"summary.py": """
        from openai import OpenAI
        from anthropic import Anthropic


        def summarise(text, detailed=0):
            match detailed:
                case True:
                    return Anthropic().messages.create(model="c", max_tokens=9, messages=[text])
                case 1 | 2:
                    return Anthropic().messages.create(model="h", max_tokens=9, messages=[text])
                case _:
                    return OpenAI().chat.completions.create(model="m", messages=[text])
    """, "app.py": """
        from fastapi import FastAPI
        from summary import summarise

        app = FastAPI()

        @app.get("/s")
        def route(text: str):
            summarise(text, 3)
            return summarise(text, 1)
    """})
    assert [(line, cls) for line, cls, _ in found] == [(9, "unknown"), (11, "real-time"), (13, "real-time")]
    assert found[0][2].endswith("detailed is only ever 1, 3")


_ALIASED = """
    from openai import OpenAI
    from anthropic import Anthropic


    def fast_ask(text):
        return OpenAI().chat.completions.create(model="m", messages=[text])


    def slow_ask(text):
        return Anthropic().messages.create(model="c", max_tokens=9, messages=[text])


    HANDLERS = {"fast": fast_ask, "slow": slow_ask}


    def run(text, mode="claude"):
        return HANDLERS[mode](text)
"""

_ROUTE = """
    from fastapi import FastAPI
    import aliases
    from table import run

    app = FastAPI()

    @app.get("/s")
    def route(text: str):
        return run(text)
"""


def test_a_dict_get_with_a_default_runs_the_default_for_a_key_no_entry_holds(tmp_path):
    found = _classes(tmp_path, {"table.py": _ALIASED.replace("HANDLERS[mode](text)",
                                                              'HANDLERS.get(mode, HANDLERS["fast"])(text)'),
                                "aliases.py": "", "app.py": _ROUTE})
    # "claude" selects no entry: the default (the "fast" entry) runs; the "slow" one is kept too
    assert [cls for _, cls, _ in found] == ["real-time", "real-time"]


@pytest.mark.parametrize("aliases", [
    """
    from table import HANDLERS

    HANDLERS.update({"claude": HANDLERS["slow"]})
    """,
    """
    import table

    table.HANDLERS["claude"] = table.slow_ask
    """,
    """
    from table import HANDLERS, slow_ask


    def register(name):
        def add(fn):
            HANDLERS[name] = fn
            return fn
        return add


    register("claude")(slow_ask)
    """,
])
def test_a_dict_another_module_adds_to_keeps_every_entry(tmp_path, aliases):
    found = _classes(tmp_path, {"table.py": _ALIASED, "aliases.py": aliases, "app.py": _ROUTE})
    # the key "claude" selects an entry the literal lacks: which function it holds is not read
    assert [cls for _, cls, _ in found] == ["real-time", "real-time"]


def test_a_dict_its_own_module_adds_to_keeps_every_entry(tmp_path):
    found = _classes(tmp_path, {"table.py": _ALIASED + """
    HANDLERS["claude"] = slow_ask
    """, "aliases.py": "", "app.py": _ROUTE})
    assert [cls for _, cls, _ in found] == ["real-time", "real-time"]


@pytest.mark.parametrize("body", [
    """
    ALIASES = {"claude": "slow"}


    def run(text, mode="claude"):
        mode = ALIASES.get(mode, mode)
        return HANDLERS[mode](text)
    """,
    """
    def run(text, mode="claude"):
        handler = HANDLERS.get(mode)
        if handler is None:
            handler = slow_ask
        return handler(text)
    """,
])
def test_a_key_or_a_callee_the_body_binds_again_is_not_the_lookup(tmp_path, body):
    table = _ALIASED[:_ALIASED.index("    def run(")] + body
    found = _classes(tmp_path, {"table.py": table, "aliases.py": "", "app.py": _ROUTE})
    assert found[1][1] == "real-time"
