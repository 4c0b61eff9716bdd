"""SDK shapes round 12 missed, as classes: the ``llm`` library, raw HTTP URLs composed from rebound
constants, join calls and class attributes, and an Ollama client built from a module loaded by name."""
from __future__ import annotations

from textwrap import dedent

from support.scan import scan, sites

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.rules.messages import remedy


def test_llm_library_models_conversations_and_embeddings_are_sites(tmp_path):
    assert sites(tmp_path, """
        import llm
        from llm import get_async_model

        def summarize(model_name, text):
            model = llm.get_model(model_name)
            return model.prompt(text, system="Summarize").text()

        def chat(conversation: llm.Conversation, text):
            return conversation.prompt(text).text()

        async def later(text):
            model = get_async_model("gemini-2.0-flash")
            return await (await model.prompt(text)).text()

        def embed(texts):
            return llm.get_embedding_model("3-small").embed_multi(texts)
    """) == [(7, "llm", "prompt"), (10, "llm", "prompt"), (14, "llm", "prompt"), (17, "llm", "embed_multi")]


def test_prompt_on_other_objects_is_no_site(tmp_path):
    assert sites(tmp_path, """
        import llm

        class Template:
            def prompt(self, text):
                return text

        def render(model, text):
            return model.prompt(text)

        def own(text):
            return Template().prompt(text)
    """) == []


def test_a_literal_model_id_names_the_backend_else_it_depends_on_the_model(tmp_path):
    result = scan(tmp_path, """
        import llm

        def configured(name, text):
            return llm.get_model(name).prompt(text).text()

        def openai_model(text):
            return llm.get_model("gpt-4o-mini").prompt(text).text()

        def claude(text):
            return llm.get_model("claude-3.5-sonnet").prompt(text).text()

        def local(text):
            return llm.get_model("gpt-oss:20b").prompt(text).text()
    """)
    by_line = {s.resolved.site.line: s for s in result.sites}
    backends = {line: s.resolved.match.batch_provider for line, s in by_line.items()}
    assert {line: p.id if p else None for line, p in backends.items()} == {
        5: None, 8: "openai", 11: "anthropic", 14: None}
    assert "depends on the configured model" in remedy(by_line[5])
    assert "no batch API, but this model calls OpenAI" in remedy(by_line[8])


def test_a_rebound_url_constant_keeps_its_path(tmp_path):
    assert sites(tmp_path, """
        import os
        import requests

        if os.environ.get("IN_DOCKER"):
            OLLAMA_URL = "http://host.docker.internal:11434"
        else:
            OLLAMA_URL = "http://localhost:11434"
        OLLAMA_URL = OLLAMA_URL + "/api/generate"
        HOOK = "https://hooks.example.com/services"
        HOOK = HOOK + "/notify"

        def generate(prompt):
            payload = {"model": "llama3", "prompt": prompt, "stream": False}
            return requests.post(OLLAMA_URL, json=payload).json()

        def notify(text):
            return requests.post(HOOK, json={"text": text})
    """) == [(15, "ollama", "POST::11434/api/generate")]


def test_join_calls_defaults_and_class_attributes_compose_urls(tmp_path):
    assert sites(tmp_path, """
        import os
        from urllib.parse import urljoin
        import requests

        BASE = os.getenv("SERVER", "http://localhost:11434")
        CHAT = urljoin(BASE, "/api/chat")
        WEBHOOK = urljoin("https://hooks.example.com", "/api/chat")

        class Config:
            ENDPOINT = "http://127.0.0.1:11434/api/generate"

        class Client:
            def __init__(self, host=None):
                self.url = os.path.join(host or "http://localhost:11434", "api", "embed")

            def embed(self, payload):
                return requests.post(self.url, json=payload)

        def chat(prompt):
            return requests.post(CHAT, json={"model": "m", "messages": [prompt]})

        def generate(payload):
            return requests.post(Config.ENDPOINT, json=payload)

        def notify(text):
            return requests.post(WEBHOOK, json={"text": text})

        def unrelated(text):
            return requests.post(os.path.join("https://example.com", "upload"), json={"text": text})
    """) == [(18, "ollama", "POST::11434/api/embed"), (21, "ollama", "POST::11434/api/chat"),
             (24, "ollama", "POST::11434/api/generate")]


def _project(tmp_path, files):
    for name, source in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(source), encoding="utf-8")
    return run([tmp_path], Config(), root=tmp_path)


def test_an_ollama_client_built_from_a_module_loaded_by_name_is_typed(tmp_path):
    result = _project(tmp_path, {
        "shared/__init__.py": "",
        "shared/ollama_client.py": """
            import importlib
            from types import ModuleType

            class OllamaWrapper:
                def __init__(self, host=None):
                    module = _load()
                    self._client = module.Client(host=host)

                def generate_text(self, prompt):
                    return self._client.generate(model="llama3", prompt=prompt)["response"]

            def get_client() -> OllamaWrapper:
                return OllamaWrapper()

            def _load() -> ModuleType:
                return importlib.import_module("ollama")
        """,
        "shared/other.py": """
            import importlib

            def dump(thing, prompt):
                return importlib.import_module("json").Client(thing).generate(model="m", prompt=prompt)
        """,
        "main.py": """
            from shared.ollama_client import get_client

            if __name__ == "__main__":
                print(get_client().generate_text("hello"))
        """,
    })
    found = [(s.resolved.facts.path, s.resolved.site.line, s.resolved.match.provider.id) for s in result.sites]
    assert found == [("shared/ollama_client.py", 11, "ollama")]
    site = result.sites[0]
    assert site.resolved.match.batch_provider is None and "no batch API" in remedy(site)


def test_an_sdk_loaded_by_name_anchors_the_file():
    from llm_latency_lint.facts.prefilter import summarise

    loaded = summarise('import importlib\nmod = importlib.import_module("ollama")\n', "m", False)
    assert "ollama" in loaded.roots and loaded.anchor
    assert not summarise('import importlib\nmod = importlib.import_module("json")\n', "m", False).roots


def test_an_unreadable_rebinding_keeps_the_readable_url(tmp_path):
    assert sites(tmp_path, """
        import requests
        from settings import load

        CHAT_URL = "http://localhost:11434/api/chat"
        CHAT_URL = load("chat_url", CHAT_URL)

        def ask(prompt):
            return requests.post(CHAT_URL, json={"model": "m", "messages": [prompt]})
    """) == [(9, "ollama", "POST::11434/api/chat")]


def test_objects_kept_under_the_llm_librarys_method_names_are_still_called_whole(tmp_path):
    assert sites(tmp_path, """
        import streamlit as st
        from langchain.chains import ConversationChain
        from langchain_openai import ChatOpenAI

        def reply(question):
            if "conversation" not in st.session_state:
                st.session_state.conversation = ConversationChain(llm=ChatOpenAI())
            return st.session_state.conversation({"input": question})
    """) == [(9, "langchain", "__call__")]
