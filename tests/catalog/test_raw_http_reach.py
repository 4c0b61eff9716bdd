"""Raw HTTP to LLM servers whose host the calling file does not show (issue 15, round 2 shapes)."""
from __future__ import annotations

from textwrap import dedent

import pytest

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.providers import http
from llm_latency_lint.facts.visitor import extract


def http_sites(source: str):
    facts = extract(dedent(source), "m.py", "m")
    return [(s.line, s.callee[1]) for s in facts.call_sites if str(s.callee[1]).startswith("POST:")]


@pytest.mark.parametrize("url, body, provider", [
    ("{OLLAMA_API_HOST}/api/chat", (), "ollama"),
    ("{settings.GROQ_BASE}/openai/v1/chat/completions", (), "groq"),
    ("{self.config.host}/api/generate", ("model", "prompt"), "ollama"),
    ("{host}/api/embeddings", ("model", "input"), "ollama"),
    ("https://ask.chadgpt.ru/api/public/gpt-4o-mini", (), "llm-http"),
    ("https://generativelanguage.googleapis.com/v1beta/models/embedding-001:embedText", (), "google"),
])
def test_hints_bodies_and_model_paths_name_the_server(url, body, provider):
    name = http.classify_url(url, body)
    match = providers.match_function(name) if name else None
    assert match is not None and match.provider.id == provider, name


@pytest.mark.parametrize("url, body", [
    ("{self.config.host}/api/chat", ()),  # a project's own /api/chat: no LLM body, no hint
    ("{host}/api/chat", ("user", "messages")),  # no model key
    ("https://example.com/api/chat", ("model", "messages")),  # a literal host not in the table
    ("{BACKEND_URL}/api/generate", ("report",)),
    ("https://api.example.com/v1/users/gpt-helper", ()),  # not a model name
    ("https://api.example.com/v1/items", ("model", "messages")),
])
def test_other_posts_stay_unknown(url, body):
    assert http.classify_url(url, body) is None


def test_sites_read_imported_names_env_defaults_and_local_bodies():
    found = http_sites("""
        import os, aiohttp, httpx, requests
        from bot.settings import OLLAMA_API_HOST
        HOST = os.getenv("LLM_HOST", "http://localhost:11434")
        ENV_ONLY = os.environ.get("DEEPSEEK_BASE_URL")

        async def imported(params):
            async with aiohttp.ClientSession() as session:
                async with session.post(f"{OLLAMA_API_HOST}/api/chat", json=params) as r:
                    return r

        def env_default():
            return requests.post(HOST + "/api/generate", json={})

        def env_name():
            return requests.post(f"{ENV_ONLY}/chat/completions", json={})

        class Agent:
            def __init__(self, config):
                self.config = config
                self.http = httpx.AsyncClient()

            async def chat(self, messages):
                url = f"{self.config.host}/api/chat"
                payload = {"model": self.config.model, "messages": messages, "stream": False}
                return await self.http.post(url, json=payload)

            async def own_api(self, text):
                return await self.http.post(f"{self.config.host}/api/chat", json={"text": text})
    """)
    assert found == [
        (9, "POST:<ollama>/api/chat"),
        (13, "POST::11434/api/generate"),
        (16, "POST:<deepseek>/chat/completions"),
        (26, "POST:<ollama>/api/chat"),
    ]


def test_prefilter_anchors_see_api_paths_model_urls_and_hinted_names():
    from llm_latency_lint.facts.prefilter import mentions_llm_words

    assert mentions_llm_words('url = f"{self.config.host}/api/chat"')
    assert mentions_llm_words("client.post(url='https://ask.chadgpt.ru/api/public/gpt-4o-mini')")
    assert mentions_llm_words("from config import OLLAMA_URL") and mentions_llm_words("x = settings.gemini_api_base")
    assert mentions_llm_words('u = "https://generativelanguage.googleapis.com/v1beta/models/embedding-001:embedText"')
    assert not mentions_llm_words('requests.post("https://example.com/api/items")')
    assert not mentions_llm_words("from config import API_URL\nrequests.post(API_URL, json={})")


def test_a_whole_url_set_elsewhere_needs_a_hint_and_an_llm_body():
    found = http_sites("""
        import requests
        from config import OLLAMA_URL, API_URL, settings

        def hinted(prompt):
            return requests.post(OLLAMA_URL, json={"model": "llama3", "prompt": prompt})

        def no_body():
            return requests.post(OLLAMA_URL, data=b"x")

        def no_hint(prompt):
            return requests.post(API_URL, json={"model": "m", "messages": []})

        def setting(messages):
            body = {"model": "gemini-pro", "messages": messages}
            return requests.post(settings.GEMINI_ENDPOINT, json=body)
    """)
    # the unhinted constant is another module's: kept for the project stage, which reads its text
    assert found == [(6, "POST:<ollama>/..."), (12, "POST:{=config.API_URL}?messages,model"), (16, "POST:<google>/...")]
    assert http.parse_deferred(found[1][1]) == ("config.API_URL", ("messages", "model"))
    match = providers.match_function("POST:<google>/...")
    assert match.provider.id == "google" and not match.op.batchable


@pytest.mark.parametrize("url, provider, batchable", [
    ("https://api.openai.com/v1/audio/transcriptions", "openai", False),
    ("https://api.openai.com/v1/images/generations", "openai", True),
    ("https://api.groq.com/openai/v1/audio/transcriptions", "groq", False),
])
def test_media_endpoints(url, provider, batchable):
    match = providers.match_function(http.classify_url(url))
    assert match.provider.id == provider and match.op.batchable == batchable


def test_a_base_url_read_from_the_environment_uses_its_default():
    facts = extract(dedent("""
        import os
        from openai import OpenAI
        ds = OpenAI(base_url=os.getenv("LLM_BASE_URL", "https://api.deepseek.com"))
        env = OpenAI(base_url=os.environ.get("LLM_BASE_URL"))
    """), "m.py", "m")
    found = {name.split(".")[-1]: exprs[0][2] for name, exprs in facts.globals.items() if exprs[0][0] == "call"}
    assert found == {"ds": "base_url=deepseek", "env": None}


def test_round2_holdout_shapes_parameter_defaults_compatible_paths_and_hosts():
    """A URL parameter's default names the server; ``/embeddings`` on a host set elsewhere counts
    only with an LLM body; Replicate predictions; a Hugging Face inference endpoint's body."""
    found = http_sites("""
        import requests, httpx
        from django.conf import settings

        def generate(prompt, url=settings.TAINDER_OLLAMA_URL):
            return requests.post(url=url, json={"model": "m", "prompt": prompt, "stream": False})

        def plain(data, url=settings.BACKEND_URL):
            return requests.post(url, json={"model": "m", "prompt": data})

        class Memory:
            def __init__(self, config):
                self.base_url = config.OPENAI_BASE_URL
                self.inference_endpoint = config.endpoint

            async def embed(self, text):
                async with httpx.AsyncClient() as client:
                    return await client.post(f"{self.base_url}/embeddings", json={"model": "e", "input": text})

            async def own(self, text):
                async with httpx.AsyncClient() as client:
                    return await client.post(f"{self.base_url}/embeddings", json={"text": text})

            def hf(self, docs):
                payload = {"inputs": docs}
                return requests.post(self.inference_endpoint, json=payload)

        def image(model, body):
            url = f"https://api.replicate.com/v1/models/{model}/predictions"
            return requests.post(url, json=body)
    """)
    assert found == [
        (6, "POST:<ollama>/..."),
        (9, "POST:{=m.plain#url#1}?model,prompt"),  # the parameter: what callers pass decides (project stage)
        (18, "POST:<base_url>/embeddings"),
        (26, "POST:<huggingface>/..."),
        (30, "POST:api.replicate.com/predictions"),
    ]
    for name, provider in (("POST:<base_url>/embeddings", "openai-compatible"),
                           ("POST:api.replicate.com/predictions", "replicate"),
                           ("POST:<huggingface>/...", "huggingface")):
        match = providers.match_function(name)
        assert match is not None and match.provider.id == provider, name
    assert http.classify_url("{base}/api/embeddings", ("model", "input")) == "POST:<ollama>/api/embeddings"


def test_a_file_whose_only_clue_is_a_hinted_setting_is_parsed_and_reported(tmp_path):
    """The engine's prefilter keeps a file whose only LLM clue is a hinted name (``OLLAMA_``)."""
    from llm_latency_lint.config import Config
    from llm_latency_lint.engine import run
    from llm_latency_lint.facts.prefilter import summarise

    (tmp_path / "tasks.py").write_text(dedent("""
        import requests
        from django.conf import settings

        def generate(prompt, url=settings.TAINDER_OLLAMA_URL):
            return requests.post(url=url, json={"model": "m", "prompt": prompt})
    """), encoding="utf-8")
    assert summarise((tmp_path / "tasks.py").read_text(), "tasks", False).words
    result = run([tmp_path], Config(), root=tmp_path)
    assert [(s.resolved.site.line, s.resolved.match.provider.id) for s in result.sites] == [(6, "ollama")]
