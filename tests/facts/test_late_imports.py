"""A module-level import below a function binds the global the function reads when it runs
(``facts/imports.py`` ``later_import``; round 18's vazirialex/intelligent-standup-bot imports
``asyncio`` in its ``__main__`` block, below the daily loop that sleeps with it)."""
from __future__ import annotations

from textwrap import dedent

from llm_latency_lint.facts.visitor import extract


def _extract(text: str):
    return extract(dedent(text), "bot/main.py", "bot.main")


def test_a_loop_sleeping_with_a_module_imported_in_the_main_block_is_a_schedule():
    facts = _extract("""
        async def daily():
            while True:
                await send_standups()
                await asyncio.sleep(86400 - 300)


        async def main():
            asyncio.ensure_future(daily())


        if __name__ == "__main__":
            import asyncio
            asyncio.run(main())
    """)
    assert [t.target[1] for t in facts.triggers if t.source == "sleep-loop"] == ["bot.main.daily"]


def test_a_later_from_import_qualifies_names_in_functions_above_it():
    facts = _extract("""
        def ask(q):
            return OpenAI().chat.completions.create(model="m", messages=[])


        try:
            from openai import OpenAI
        except ImportError:
            OpenAI = None
    """)
    assert [s.callee for s in facts.call_sites] == [
        ["attr", ["attr", ["attr", ["call", ["name", "openai.OpenAI"], None], "chat"], "completions"], "create"]]


def test_module_level_code_above_the_import_does_not_read_it():
    # module-level code runs in order: a name used before its import is not that import's
    facts = _extract("""
        client = OpenAI()
        from openai import OpenAI
    """)
    assert facts.globals["bot.main.client"] == [["call", ["unknown", "OpenAI"], None]]


def test_later_imports_binding_one_name_in_two_branches_are_both_read():
    # ``if LOCAL: import local_backend as backend / else: import openai_backend as backend`` below the
    # function: either may be the module it reads, as for the same imports above it
    facts = _extract("""
        def main():
            return backend.generate("hi")


        if os.environ.get("LOCAL"):
            import local_backend as backend
        else:
            import openai_backend as backend
    """)
    calls = [c.expr for c in facts.functions["bot.main.main"].calls]
    assert ["attr", ["many", [["name", "local_backend"], ["name", "openai_backend"]]], "generate"] in calls
