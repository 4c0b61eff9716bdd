"""Requests the tool missed in round 21: LM Studio's Python SDK, an AnythingLLM workspace chat
over raw HTTP, a URL built from a local of the method that sets ``self.<attr>``, and a dict of
provider instances copied with ``dict(...)`` before a router calls one."""
from __future__ import annotations

from support.scan import project_classes, sites


def test_lmstudio_convenience_and_scoped_handles(tmp_path):
    """``lms.llm()`` / ``client.llm.model()`` / ``lms.embedding_model()`` build handles; ``respond``,
    ``act``, ``complete_stream`` and ``embed`` ask the model; ``tokenize`` does not."""
    assert sites(tmp_path, """
        import asyncio
        import lmstudio as lms

        def chat(text):
            model = lms.llm()
            return model.respond(text)

        async def wrapped(model, text):
            loop = asyncio.get_event_loop()
            return await loop.run_in_executor(None, lambda: model.act(text, [], on_message=print))

        def agent(text):
            return asyncio.run(wrapped(lms.llm("qwen"), text))

        def scoped(text):
            with lms.Client() as client:
                model = client.llm.model("qwen/qwen3-4b")
                model.tokenize(text)
                return list(model.complete_stream(text))

        def vectors(text):
            return lms.embedding_model("nomic").embed(text)
    """) == [(7, "lmstudio", "respond"), (11, "lmstudio", "act"), (20, "lmstudio", "complete_stream"),
             (23, "lmstudio", "embed")]


def test_lmstudio_handle_kept_on_a_cog(tmp_path):
    assert sites(tmp_path, """
        import lmstudio as lms
        from lmstudio import Chat

        class Adventure:
            def __init__(self):
                self.model = lms.llm()

            async def adventure(self, ctx):
                return self.model.respond(Chat("You are a bard"))
    """) == [(10, "lmstudio", "respond")]


def test_lmstudio_module_handle_beside_an_object_called_llm(tmp_path):
    """``lmstudio.llm`` is matched by qualified name only: a module-level handle is typed, and
    ``self.llm(text)`` on a LangChain model stays that object's call."""
    assert sites(tmp_path, """
        import lmstudio as lms
        from langchain_openai import ChatOpenAI

        MODEL = lms.llm("qwen")

        class Bot:
            def __init__(self):
                self.llm = ChatOpenAI(model="gpt-4o-mini")

            def reply(self, text):
                return MODEL.respond(text), self.llm(text)
    """) == [(12, "langchain", "__call__"), (12, "lmstudio", "respond")]


def test_anythingllm_workspace_chat_on_a_configured_host(tmp_path):
    """``/api/v1/workspace/<slug>/chat`` with a ``message`` and ``mode``, the host from configuration
    and the workspace a literal or an attribute: a self-hosted LLM gateway (no batch API)."""
    found = sites(tmp_path, """
        import aiohttp
        from config import LLM_HOST

        class LLMClient:
            def __init__(self, workspace):
                self.workspace = workspace

            async def summarize(self, message):
                url = f"http://{LLM_HOST}/api/v1/workspace/summarizer/chat"
                data = {"message": message, "mode": "chat", "sessionId": 1}
                async with aiohttp.ClientSession() as session:
                    async with session.post(url, json=data) as response:
                        return await response.json()

            async def answer(self, message):
                url = f"http://{LLM_HOST}/api/v1/workspace/{self.workspace}/stream-chat"
                async with aiohttp.ClientSession() as session:
                    return await session.post(url, json={"message": message, "mode": "query"})

            async def webhook(self, message):
                url = f"http://{LLM_HOST}/api/v1/workspace/{self.workspace}/chat"
                async with aiohttp.ClientSession() as session:
                    return await session.post(url, json={"text": message})
    """)
    assert found == [(13, "llm-http", "POST:<llm-http>/v1/workspace/{}/chat"),
                     (19, "llm-http", "POST:<llm-http>/v1/workspace/{}/stream-chat")]


def test_self_url_built_from_a_local_of_the_method_setting_it(tmp_path):
    """``base = os.getenv("ANTHROPIC_BASE_URL", "https://api.anthropic.com")`` then ``self._url =
    f"{base.rstrip('/')}/v1/messages"`` in ``__init__``: the local's default names the host."""
    assert sites(tmp_path, """
        import os
        import requests

        class AnthropicProvider:
            def __init__(self):
                base = os.getenv("ANTHROPIC_BASE_URL", "https://api.anthropic.com")
                self._messages_url = f"{base.rstrip('/')}/v1/messages"

            def generate(self, request):
                url = self._messages_url
                payload = {"model": request.model, "messages": [], "max_tokens": 10}
                return requests.post(url, json=payload)
    """) == [(13, "anthropic", "POST:api.anthropic.com/v1/messages")]


_PROVIDERS = {
    "pkg/__init__.py": "",
    "pkg/openai_provider.py": """
        import openai

        class OpenAIProvider:
            name = "openai"

            def __init__(self):
                self._client = openai.OpenAI()

            def generate(self, prompt):
                return self._client.responses.create(model="gpt-4o", input=prompt)
    """,
    "pkg/anthropic_provider.py": """
        import anthropic

        class AnthropicProvider:
            name = "anthropic"

            def __init__(self):
                self._client = anthropic.Anthropic()

            def generate(self, prompt):
                return self._client.messages.create(model="claude", max_tokens=9, messages=[])
    """,
    "pkg/echo.py": """
        class Echo:
            def generate(self, prompt):
                return prompt
    """,
}


def test_router_over_a_copied_dict_of_provider_instances(tmp_path):
    """``self.providers = dict(providers or self._default_providers())``: the copy holds the
    instances the builder's loop stored, so ``self.providers.get(name).generate(...)`` reaches each."""
    classes = project_classes(tmp_path, {**_PROVIDERS, "pkg/router.py": """
        from collections import OrderedDict
        from .openai_provider import OpenAIProvider
        from .anthropic_provider import AnthropicProvider

        class Router:
            def __init__(self, providers=None):
                self.providers = dict(providers or self._default_providers())
                self.ordered = OrderedDict(self.providers)

            def _default_providers(self):
                available = {}
                for provider_cls in (OpenAIProvider, AnthropicProvider):
                    provider = provider_cls()
                    available[provider.name] = provider
                return available

            def generate(self, name, prompt):
                for route in [name]:
                    provider = self.ordered.get(route)
                    if provider:
                        return provider.generate(prompt)
    """, "main.py": """
        from pkg.echo import Echo
        from pkg.router import Router

        if __name__ == "__main__":
            Echo().generate("x")
            Router().generate(input("provider? "), "hi")
    """})
    assert classes == {("pkg/openai_provider.py", 10): "real-time", ("pkg/anthropic_provider.py", 10): "real-time"}


def test_an_attribute_bound_to_a_model_object_is_called_whatever_its_name(tmp_path):
    """``self.respond = dspy.ChainOfThought(...)``: ``self.respond(...)`` runs the module (``__call__``),
    though ``respond`` is also an LM Studio handle's method."""
    assert sites(tmp_path, """
        import dspy

        class RAG(dspy.Module):
            def __init__(self):
                super().__init__()
                self.respond = dspy.ChainOfThought("context, question -> response")

            def forward(self, question, context):
                return self.respond(context=context, question=question)
    """) == [(10, "dspy", "__call__")]
