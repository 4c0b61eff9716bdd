"""Raw HTTP on any client (issue 15 item 4): the client's base URL, attribute names, more hosts."""
from __future__ import annotations

from textwrap import dedent

import pytest

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.providers import http
from llm_latency_lint.facts.visitor import extract


def http_sites(source: str):
    facts = extract(dedent(source), "m.py", "m")
    return {s.line: str(s.callee[1]) for s in facts.call_sites if str(s.callee[1]).startswith("POST:")}


def provider_of(name: str) -> str:
    match = providers.match_function(name)
    assert match is not None, name
    return match.provider.id


def test_a_relative_path_joins_the_base_url_of_the_client_it_is_sent_on():
    found = http_sites("""
        import aiohttp, httpx

        class LLM:
            def __init__(self, config):
                self._http = httpx.AsyncClient(base_url=config.base_url, timeout=60)

            async def embed(self, texts):
                payload = {"model": self.model, "input": texts}
                return await self._http.post("/embeddings", json=payload)

        async def chat(messages):
            async with httpx.AsyncClient(base_url="https://api.deepseek.com") as client:
                return await client.post("/chat/completions", json={"model": "deepseek-chat", "messages": messages})

        async def groq(messages):
            async with aiohttp.ClientSession("https://api.groq.com") as session:
                async with session.post("/openai/v1/chat/completions", json={}) as response:
                    return await response.json()
    """)
    assert found == {
        10: "POST:<base_url>/embeddings",
        14: "POST:api.deepseek.com/chat/completions",
        18: "POST:api.groq.com/chat/completions",
    }
    assert [provider_of(found[line]) for line in (10, 14, 18)] == ["openai-compatible", "deepseek", "groq"]


def test_a_url_kept_on_self_from_a_setting_names_its_server_and_a_module_constant_reads():
    found = http_sites("""
        import requests
        from app.config import settings
        IMAGES = "https://apihub.example-ai.com/v1/images/generations"

        class Model:
            def __init__(self):
                self.api_url = settings.DEEPSEEK_API_URL

            def generate(self, prompt):
                payload = {"model": settings.MODEL, "messages": [{"role": "user", "content": prompt}]}
                return requests.post(self.api_url, json=payload)

        def draw(scene):
            return requests.post(IMAGES, json={"model": "img-1", "prompt": scene})
    """)
    assert found == {12: "POST:<deepseek>/...", 15: "POST:<base_url>/v1/images/generations"}
    assert provider_of(found[12]) == "deepseek"


def test_a_request_built_first_is_a_site_where_it_is_sent():
    found = http_sites("""
        import httpx, requests

        async def ask(client: httpx.AsyncClient, messages):
            req = client.build_request("POST", "https://api.anthropic.com/v1/messages",
                                       json={"model": "c", "messages": messages})
            return await client.send(req)

        def legacy(session, body):
            prepared = requests.Request("POST", "https://api.openai.com/v1/chat/completions", json=body).prepare()
            return session.send(prepared)

        def health(client):
            req = client.build_request("GET", "https://api.openai.com/v1/models")
            return client.send(req)
    """)
    assert found == {7: "POST:api.anthropic.com/v1/messages", 11: "POST:api.openai.com/chat/completions"}


@pytest.mark.parametrize("url, provider, batch", [
    ("https://api.siliconflow.cn/v1/chat/completions", "siliconflow", False),
    ("https://api.moonshot.ai/v1/chat/completions", "moonshot", False),
    ("https://api.x.ai/v1/images/generations", "xai", False),
    ("https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions", "dashscope", False),
    ("http://localhost:8000/v1/chat/completions", "local-openai-compatible", False),
    ("https://api.openai.com/v1/embeddings", "openai", True),
    ("https://api.openai.com/v1/audio/transcriptions", "openai", False),
    ("{SILICONFLOW_BASE}/chat/completions", "siliconflow", False),
])
def test_hosts_say_which_batch_api_applies(url, provider, batch):
    name = http.classify_url(url)
    assert name is not None, url
    match = providers.match_function(name)
    assert match is not None and match.provider.id == provider, name
    assert (match.provider.batch_supported and match.op.batchable) == batch


def test_posts_to_other_apis_stay_silent():
    found = http_sites("""
        import httpx, requests

        class Slack:
            def __init__(self):
                self._http = httpx.Client(base_url="https://slack.com/api")

            def send(self, text):
                return self._http.post("/chat.postMessage", json={"channel": "c", "text": text})

        def session_message(client, sid, body):
            return client.post(f"/session/{sid}/message", json={"parts": body, "model": "m"})

        def upload(items):
            with httpx.Client(base_url="https://api.example.com") as c:
                return c.post("/v1/items", json={"model": "m", "messages": items})

        def users():
            return requests.post("https://example.com/api/users", json={"name": "n"})
    """)
    assert found == {}


def test_urllib_requests_with_data_and_json_dumps_bodies():
    found = http_sites("""
        import json, os, urllib.request
        import requests
        URL = os.getenv("LLM_URL", "https://api.deepseek.com/chat/completions")

        def ask(messages):
            body = {"model": "deepseek-chat", "messages": messages}
            req = urllib.request.Request(URL, data=json.dumps(body).encode(), headers={}, method="POST")
            with urllib.request.urlopen(req) as response:
                return json.load(response)

        def inline(text):
            return urllib.request.urlopen(urllib.request.Request(
                "https://api.openai.com/v1/embeddings", data=json.dumps({"model": "e", "input": text}).encode()))

        def ping():
            return urllib.request.urlopen(urllib.request.Request("https://api.openai.com/v1/models"))

        def ollama(prompt):
            return requests.post("{}/api/generate".format(os.environ["HOST"]),
                                 data=json.dumps({"model": "m", "prompt": prompt}))

        def report(text):
            return requests.post("{}/api/generate".format(os.environ["HOST"]), data=json.dumps({"report": text}))
    """)
    assert found == {
        9: "POST:api.deepseek.com/chat/completions",
        13: "POST:api.openai.com/v1/embeddings",
        20: "POST:<ollama>/api/generate",
    }


# ---- review finding: a host on this machine may be the project's own server ------------------
@pytest.mark.parametrize("url, body, provider", [
    ("http://localhost:8000/v1/embeddings", (), "local-openai-compatible"),
    ("http://127.0.0.1:8080/api/v1/chat/completions", (), "local-openai-compatible"),
    ("http://localhost:8000/embeddings", ("model", "input"), "local-openai-compatible"),
    ("http://0.0.0.0:5000/chat/completions", ("model", "messages"), "local-openai-compatible"),
    ("http://localhost:11434/api/embeddings", (), "ollama"),
    ("http://localhost:8080/api/generate", ("model", "prompt"), "ollama"),
])
def test_a_local_server_counts_with_an_openai_path_ollamas_port_or_an_llm_body(url, body, provider):
    name = http.classify_url(url, body)
    match = providers.match_function(name) if name else None
    assert match is not None and match.provider.id == provider, name


@pytest.mark.parametrize("url, body", [
    ("http://localhost:8000/embeddings", ("text",)),  # the project's own /embeddings route
    ("http://127.0.0.1:8000/chat/completions", ("question",)),
    ("http://localhost:8000/api/chat", ("model", "message")),
    ("http://localhost:5000/completions", ()),
])
def test_a_post_to_the_projects_own_routes_on_a_local_host_is_not_an_llm_site(url, body):
    assert http.classify_url(url, body) is None


def test_a_script_posting_to_its_own_embeddings_route_is_no_site():
    assert http_sites("""
        import requests

        def index(texts):
            return requests.post("http://localhost:8000/embeddings", json={"texts": texts})
    """) == {}


def test_local_hosts_come_from_the_host_table():
    assert http.base_url_provider("http://host.docker.internal:1234/v1") == http.LOCAL_SERVER
    assert http.base_url_provider("http://localhost:8000/v1") == http.LOCAL_SERVER
    assert http.classify_url("http://host.docker.internal:8000/v1/chat/completions") is not None
