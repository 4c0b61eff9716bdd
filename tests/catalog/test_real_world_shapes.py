"""Shapes the labelled corpus showed (bench/corpus): chat-bot triggers, sleep loops, raw HTTP
to provider endpoints, OpenAI-compatible base URLs, agent frameworks and legacy chains."""
from __future__ import annotations

from textwrap import dedent
from typing import List, Optional

import pytest
from support.scan import sites

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.providers import http
from llm_latency_lint.facts.visitor import extract
from llm_latency_lint.model import Trigger


def triggers(text: str, source: Optional[str] = None) -> List[Trigger]:
    found = [t for t in extract(dedent(text), "bot/mod.py", "bot.mod").triggers if t.source != "main-script"]
    return [t for t in found if source is None or t.source == source]


def kinds(found: List[Trigger]):
    return sorted((t.kind, t.source, t.target[1]) for t in found)


# ---- chat bots ------------------------------------------------------------------------------
def test_python_telegram_bot_handlers_and_job_queue():
    found = triggers("""
        from telegram.ext import Application, CommandHandler, MessageHandler, CallbackQueryHandler, filters

        def main():
            app = Application.builder().build()
            app.add_handler(CommandHandler("summary", summary))
            app.add_handler(MessageHandler(filters.TEXT, on_text))
            app.add_handler(CallbackQueryHandler(callback=on_button))
            app.job_queue.run_repeating(digest, interval=3600)
            app.job_queue.run_daily(report, time=None)

        async def summary(update, context): ...
        async def on_text(update, context): ...
        async def on_button(update, context): ...
        async def digest(context): ...
        async def report(context): ...
    """)
    assert kinds(found) == [
        ("real-time", "telegram-handler", "bot.mod.on_button"),
        ("real-time", "telegram-handler", "bot.mod.on_text"),
        ("real-time", "telegram-handler", "bot.mod.summary"),
        ("scheduled", "telegram-jobqueue", "bot.mod.digest"),
        ("scheduled", "telegram-jobqueue", "bot.mod.report"),
    ]
    assert any("'/summary'" in t.note for t in found)
    assert next(t for t in found if t.target[1] == "bot.mod.digest").schedule == "hourly"


def test_discord_commands_events_listeners_and_loops():
    found = triggers("""
        import discord
        from discord.ext import commands, tasks

        bot = commands.Bot(command_prefix="!")

        @bot.command(name="ask")
        async def ask(ctx): ...

        @bot.event
        async def on_message(message): ...

        @bot.event
        async def on_ready(): ...

        @tasks.loop(hours=6)
        async def refresh(): ...

        class Answers(commands.Cog):
            @commands.Cog.listener()
            async def on_message(self, message): ...

            @commands.command()
            async def summary(self, ctx): ...

        class Client(discord.Client):
            async def on_message(self, message): ...
    """)
    assert kinds(found) == [
        ("real-time", "discord-command", "bot.mod.Answers.summary"),
        ("real-time", "discord-command", "bot.mod.ask"),
        ("real-time", "discord-event", "bot.mod.Answers.on_message"),
        ("real-time", "discord-event", "bot.mod.Client.on_message"),
        ("real-time", "discord-event", "bot.mod.on_message"),
        ("scheduled", "discord-tasks-loop", "bot.mod.refresh"),
    ]
    assert next(t for t in found if t.source == "discord-tasks-loop").schedule == "every 6 hours"


def test_slack_bolt_and_aiogram_handlers():
    slack = triggers("""
        from slack_bolt.async_app import AsyncApp

        app = AsyncApp()

        @app.command("/tldr")
        async def tldr(ack, command): ...

        @app.shortcut("thread")
        async def thread(ack, body): ...
    """)
    assert kinds(slack) == [("real-time", "slack-bolt", "bot.mod.thread"), ("real-time", "slack-bolt", "bot.mod.tldr")]
    aiogram = triggers("""
        from aiogram import Dispatcher, Router

        router = Router()
        dp = Dispatcher()

        @router.message()
        async def answer(message): ...

        @dp.callback_query()
        async def button(query): ...
    """)
    assert kinds(aiogram) == [("real-time", "aiogram-handler", "bot.mod.answer"),
                              ("real-time", "aiogram-handler", "bot.mod.button")]


def test_py_cord_bare_command_decorators_in_a_cog():
    found = triggers("""
        from discord.commands import message_command, slash_command
        from discord.ext import commands

        class Ask(commands.Cog):
            @slash_command(description="Ask")
            async def ask(self, ctx, prompt): ...

            @message_command(name="Roast")
            async def roast(self, ctx, message): ...

        def command(fn): return fn

        @command
        def not_a_bot(): ...
    """)
    assert kinds(found) == [
        ("real-time", "discord-command", "bot.mod.Ask.ask"),
        ("real-time", "discord-command", "bot.mod.Ask.roast"),
    ]


def test_bot_decorators_need_the_framework():
    assert triggers("""
        from fastapi import APIRouter
        router = APIRouter()

        def helper(): ...

        class Thing:
            def command(self, fn): return fn

        thing = Thing()

        @thing.command("x")
        def x(): ...
    """, source="slack-bolt") == []


# ---- sleep loops ----------------------------------------------------------------------------
def test_sleep_loops_are_schedules_but_retries_and_polls_are_not():
    found = triggers("""
        import asyncio
        import time

        async def hourly():
            while True:
                work()
                await asyncio.sleep(3600)

        async def daily(bot):
            while not bot.stopped:
                await asyncio.sleep((next_run() - now()).total_seconds())
                work()

        def every_n_hours(self):
            while self.running:
                work()
                time.sleep(self.frequency_hours * 3600)

        def retry():
            attempt = 0
            while attempt < 3:
                time.sleep(120)

        def poll():
            while True:
                work()
                time.sleep(2)

        def backoff():
            while True:
                try:
                    work()
                except Exception:
                    time.sleep(300)
    """, source="sleep-loop")
    assert sorted(t.target[1] for t in found) == ["bot.mod.daily", "bot.mod.every_n_hours", "bot.mod.hourly"]
    assert next(t for t in found if t.target[1] == "bot.mod.hourly").schedule == "hourly"


# ---- raw HTTP and compatible servers --------------------------------------------------------
@pytest.mark.parametrize("url, provider, batchable_provider", [
    ("https://api.openai.com/v1/chat/completions", "openai", True),
    ("https://api.anthropic.com/v1/messages", "anthropic", True),
    ("https://generativelanguage.googleapis.com/v1beta/models/{}:generateContent", "google", True),
    ("https://openrouter.ai/api/v1/chat/completions", "openrouter", False),
    ("https://api.groq.com/openai/v1/chat/completions", "groq", True),
    ("{}/chat/completions", "openai-compatible", False),
    ("http://localhost:11434/api/chat", "ollama", False),
])
def test_provider_endpoints(url, provider, batchable_provider):
    name = http.classify_url(url)
    match = providers.match_function(name)
    assert match is not None and match.provider.id == provider, name
    assert match.provider.batch_supported == batchable_provider


@pytest.mark.parametrize("url", [
    "https://example.com/api/items", "https://hooks.slack.com/services/x", "https://api.openai.com/v1/files",
    "{}/v1/messages", "https://api.github.com/repos/x/messages",
])
def test_other_urls_are_not_llm_requests(url):
    assert http.classify_url(url) is None


def test_raw_http_sites_read_constants_locals_and_self_attributes():
    facts = extract(dedent("""
        import requests, httpx
        URL = "https://openrouter.ai/api/v1/chat/completions"

        def a():
            requests.post(URL, json={})

        def b(model):
            url = f"https://generativelanguage.googleapis.com/v1beta/models/{model}:generateContent"
            requests.post(url)

        class C:
            def __init__(self):
                self.base = "https://api.openai.com/v1"
            def go(self):
                with httpx.Client() as client:
                    client.post(f"{self.base}/embeddings")

        def d():
            requests.get(URL)
            requests.post("https://example.com/x")
            httpx.request("POST", URL)
    """), "m.py", "m")
    assert [s.callee[1] for s in facts.call_sites if str(s.callee[1]).startswith("POST:")] == [
        "POST:openrouter.ai/chat/completions",
        "POST:generativelanguage.googleapis.com/...:generateContent",
        "POST:api.openai.com/v1/embeddings",
        "POST:openrouter.ai/chat/completions",
    ]


def test_base_url_types_the_client_by_its_server():
    facts = extract(dedent("""
        import os
        from openai import OpenAI
        DS = "https://api.deepseek.com"
        ds = OpenAI(base_url=DS)
        groq = OpenAI(base_url="https://api.groq.com/openai/v1")
        env = OpenAI(base_url=os.environ["X"])
        own = OpenAI(base_url="https://api.openai.com/v1")
    """), "m.py", "m")
    literals = {name.split(".")[-1]: exprs[0][2] for name, exprs in facts.globals.items() if exprs[0][0] == "call"}
    assert literals == {"ds": "base_url=deepseek", "groq": "base_url=groq", "env": None, "own": None}
    assert providers.match_client_call("openai.OpenAI#base_url=groq", ("chat", "completions", "create")).provider.id == "groq"
    ds = providers.match_client_call("openai.OpenAI#base_url=deepseek", ("chat", "completions", "create"))
    assert ds.provider.id == "deepseek" and not ds.provider.batch_supported and "Batch API" in ds.provider.no_batch_reason


# ---- SDK shapes -----------------------------------------------------------------------------
@pytest.mark.parametrize("client, path, provider_id", [
    ("langchain.chains.LLMChain", ("run",), "langchain"),
    ("langchain.chains.base.Chain", ("predict",), "langchain"),
    ("langchain.agents.AgentExecutor", ("invoke",), "langchain"),
    ("langchain_litellm.ChatLiteLLM", ("invoke",), "langchain"),
    ("langchain_ollama.ChatOllama", ("stream",), "langchain"),
    ("crewai.Crew", ("kickoff",), "crewai"),
    ("pydantic_ai.Agent", ("run_sync",), "pydantic-ai"),
    ("ollama.Client", ("chat",), "ollama"),
    ("openai.OpenAI", ("beta", "threads", "runs", "create_and_poll"), "openai"),
    ("airflow.providers.openai.hooks.openai.OpenAIHook", ("create_embeddings",), "openai"),
    ("cohere.client.Client", ("summarize",), "cohere"),
])
def test_new_client_shapes(client, path, provider_id):
    match = providers.match_client_call(client, path)
    assert match is not None and match.provider.id == provider_id


@pytest.mark.parametrize("name, provider_id", [
    ("controlflow.run", "controlflow"), ("agents.Runner.run", "openai-agents"), ("ollama.chat", "ollama"),
    ("together.Complete.create", "together"), ("openai.Image.create", "openai"),
    ("interpreter.interpreter.chat", "open-interpreter"),
])
def test_new_module_functions(name, provider_id):
    assert providers.match_function(name).provider.id == provider_id


def test_chain_factories_return_chains():
    for name in ("langchain.chains.load_summarize_chain", "langchain.chains.RetrievalQA.from_chain_type",
                 "langgraph.prebuilt.create_react_agent", "langchain.agents.create_agent"):
        returned = providers.match_function(name).op.returns
        assert providers.match_client_call(returned, ("invoke",)) is not None, name


def test_agent_runs_are_never_batchable():
    for client, path in [("crewai.Crew", ("kickoff",)), ("pydantic_ai.Agent", ("run",))]:
        op = providers.match_client_call(client, path).op
        assert not op.batchable and "agent" in op.note


def test_channels_consumers_and_socketio_handlers():
    found = triggers("""
        from channels.generic.websocket import AsyncWebsocketConsumer
        import socketio

        sio = socketio.AsyncServer()

        class Base(AsyncWebsocketConsumer):
            pass

        class Chat(Base):
            async def connect(self): ...
            async def receive(self, text_data=None): ...
            async def helper(self): ...

        @sio.on("message")
        async def message(sid, data): ...
    """)
    assert kinds(found) == [
        ("real-time", "channels-consumer", "bot.mod.Chat.connect"),
        ("real-time", "channels-consumer", "bot.mod.Chat.receive"),
        ("real-time", "socketio-handler", "bot.mod.message"),
    ]


def test_calling_a_model_object_directly_is_a_site(tmp_path):
    """``chain({...})`` runs the chain; a model run in-process (llama-cpp's ``Llama(...)(prompt)``)
    sends no request to a model server and is not in the catalog."""
    found = sites(tmp_path, """
        from llama_cpp import Llama
        from langchain.chains import load_qa_chain

        class Model:
            def __init__(self):
                self.model = Llama(model_path="m.gguf")

            def run(self, prompt):
                return self.model(prompt)

        def answer(llm, docs):
            chain = load_qa_chain(llm)
            helper = dict
            helper(a=1)
            return chain({"input_documents": docs})
    """)
    assert found == [(16, "langchain", "__call__")]


@pytest.mark.parametrize("name, returns, path, provider_id", [
    ("instructor.from_openai", "openai.OpenAI", ("chat", "completions", "create"), "openai"),
    ("instructor.from_anthropic", "anthropic.Anthropic", ("messages", "create"), "anthropic"),
    ("instructor.from_litellm", "instructor.Instructor#litellm", ("chat", "completions", "create"), "litellm"),
    ("llama_index.core.VectorStoreIndex.from_documents", "llama_index.core.VectorStoreIndex", None, None),
])
def test_wrapper_factories(name, returns, path, provider_id):
    op = providers.match_function(name).op
    assert op.returns == returns
    if path:
        assert providers.match_client_call(returns, path).provider.id == provider_id


def test_framework_clients():
    engine = providers.factory_result("llama_index.core.VectorStoreIndex", ("as_query_engine",))
    assert providers.match_client_call(engine, ("query",)).provider.id == "llamaindex"
    assert providers.match_client_call("llama_index.llms.openai.OpenAI", ("complete",)).provider.id == "llamaindex"
    assert providers.match_client_call("llama_index.embeddings.openai.OpenAIEmbedding",
                                       ("get_text_embedding",)).op.embedding
    assert providers.match_client_call("dspy.ChainOfThought", ("__call__",)).provider.id == "dspy"
    assert providers.match_function("replicate.run").provider.id == "replicate"
    assert providers.match_client_call("langfuse.openai.OpenAI", ("chat", "completions", "create")).provider.id == "openai"
    assert providers.match_function("langfuse.openai.openai.chat.completions.create").provider.id == "openai"


def test_a_scripts_top_level_sleep_loop_is_a_schedule():
    found = triggers("""
        import time
        from jobs import work

        while True:
            work()
            time.sleep(3600)
    """, source="script-sleep-loop")
    assert [t.target[1] for t in found] == ["bot.mod.<module>"]
    main = triggers("""
        import time

        if __name__ == "__main__":
            while True:
                run()
                time.sleep(1800)
    """, source="script-sleep-loop")
    assert [t.target[1] for t in main] == ["bot.mod.__main__"] and main[0].schedule == "every 30 minutes"
