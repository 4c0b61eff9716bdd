"""Round 2 holdout shapes (issue 15): SDK methods passed as callables, LangChain models called
directly, LlamaIndex engines, retrievers, rerankers and inserts."""
from __future__ import annotations

from textwrap import dedent


def sites(tmp_path, source: str):
    from llm_latency_lint.config import Config
    from llm_latency_lint.engine import run

    (tmp_path / "app.py").write_text(dedent(source), encoding="utf-8")
    result = run([tmp_path], Config(), root=tmp_path)
    return sorted((s.resolved.site.line, s.resolved.match.provider.id, s.resolved.match.operation)
                  for s in result.sites)


def test_sdk_methods_passed_as_callables_are_sites_where_passed(tmp_path):
    """The method runs where a runner calls it: the site is the line that hands it over."""
    found = sites(tmp_path, """
        import asyncio, functools
        from concurrent.futures import ThreadPoolExecutor
        import openai
        from openai import OpenAI
        from asgiref.sync import sync_to_async

        client = OpenAI()
        pool = ThreadPoolExecutor()

        async def legacy(messages):
            return await asyncio.to_thread(openai.ChatCompletion.create, model="gpt-4", messages=messages)

        async def whisper(audio):
            return await sync_to_async(client.audio.translations.create)(model="whisper-1", file=audio)

        async def executor(loop, text):
            return await loop.run_in_executor(None, client.embeddings.create, text)

        def bound(loop):
            ask = functools.partial(client.chat.completions.create, model="gpt-4o")
            return ask(messages=[]), loop.run_in_executor(None, functools.partial(client.embeddings.create, input=1))

        def submitted(text):
            return pool.submit(client.embeddings.create, input=text, model="m").result()

        def not_an_sdk(items):
            return pool.submit(sorted, items), functools.partial(print, "x")
    """)
    assert [(line, provider) for line, provider, _ in found] == [
        (12, "openai"), (15, "openai"), (18, "openai"), (22, "openai"), (22, "openai"), (25, "openai")]
