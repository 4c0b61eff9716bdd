"""Raw HTTP whose endpoint the code chooses (a conditional, a dict of provider URLs, branches) or
reads from the environment: a site for each catalogued endpoint the URL may hold."""
from __future__ import annotations

from support.scan import project_classes, scan, sites


def test_conditional_endpoint_on_a_configured_base_url(tmp_path):
    """The shape of a news evaluator: Ollama's path picked by a conditional on a base URL passed in."""
    assert sites(tmp_path, """
        import requests

        def evaluate(prompt, url, model_name):
            payload = {"model": model_name, "prompt": prompt, "format": "json", "stream": False}
            base_url = url.rstrip('/')
            endpoint = f"{base_url}/generate" if base_url.endswith("/api") else f"{base_url}/api/generate"
            return requests.post(endpoint, json=payload)
    """) == [(8, "ollama", "POST:<ollama>/api/generate")]


def test_a_dict_of_provider_urls_is_a_site_for_each_provider(tmp_path):
    found = sites(tmp_path, """
        import os
        import requests

        URLS = {
            "openai": "https://api.openai.com/v1/chat/completions",
            "groq": "https://api.groq.com/openai/v1/chat/completions",
            "slack": "https://hooks.slack.com/services/T000/B000",
        }

        def ask(messages):
            provider = os.environ.get("LLM_PROVIDER", "openai")
            return requests.post(URLS[provider], json={"model": "m", "messages": messages})
    """)
    assert {(line, provider) for line, provider, _ in found} == {(13, "openai"), (13, "groq")}


def test_branches_binding_the_url_each_count(tmp_path):
    found = sites(tmp_path, """
        import httpx

        def ask(provider, body):
            if provider == "anthropic":
                url = "https://api.anthropic.com/v1/messages"
            else:
                url = "https://api.mistral.ai/v1/chat/completions"
            return httpx.post(url, json=body)
    """)
    assert sorted(provider for _, provider, _ in found) == ["anthropic", "mistral"]


def test_a_url_only_from_the_environment_needs_an_llm_body(tmp_path):
    found = sites(tmp_path, """
        import os
        import requests

        def ask(question):
            url = os.environ["LLM_API_URL"]
            return requests.post(url, json={"model": os.environ["LLM_MODEL"], "messages": [question]})

        def complete(text):
            return requests.post(os.getenv("COMPLETION_URL"), json={"model": "m", "prompt": text})

        def notify(payload):
            return requests.post(os.environ["WEBHOOK_URL"], json=payload)

        def upload(doc):
            return requests.post(os.getenv("STORE_URL"), json={"id": doc, "text": "x"})
    """)
    assert [(line, provider) for line, provider, _ in found] == [(7, "openai-compatible"), (10, "openai-compatible")]


def test_each_site_of_a_chosen_url_names_the_other_candidates(tmp_path):
    result = scan(tmp_path, """
        import requests

        def ask(use_groq, body):
            url = "https://api.groq.com/openai/v1/chat/completions" if use_groq else "https://api.openai.com/v1/chat/completions"
            return requests.post(url, json=body)
    """)
    notes = {s.resolved.match.provider.id: " ".join(e.note for e in s.evidence) for s in result.sites}
    assert set(notes) == {"groq", "openai"}
    assert "or OpenAI (api.openai.com/chat/completions)" in notes["groq"]
    assert "or Groq (api.groq.com/chat/completions)" in notes["openai"]
    assert all(s.resolved.match.operation.startswith("POST:") and "|also|" not in s.resolved.match.operation
               for s in result.sites)


def test_a_literal_key_is_only_that_entry(tmp_path):
    """``CONFIG["slack"]`` is the Slack hook, not every URL of the dict; ``CONFIG.get("openai")`` is
    only OpenAI's; an absent key is none of them."""
    found = sites(tmp_path, """
        import requests

        CONFIG = {
            "openai": "https://api.openai.com/v1/chat/completions",
            "groq": "https://api.groq.com/openai/v1/chat/completions",
            "slack": "https://hooks.slack.com/services/T000/B000",
        }

        def notify(text):
            return requests.post(CONFIG["slack"], json={"text": text})

        def ask(messages):
            return requests.post(CONFIG.get("openai"), json={"model": "m", "messages": messages})

        def other(messages):
            return requests.post(CONFIG["mistral"], json={"model": "m", "messages": messages})
    """)
    assert {(line, provider) for line, provider, _ in found} == {(14, "openai")}


def test_an_fstring_of_many_chosen_parts_is_capped_without_the_full_product(tmp_path):
    """Eight parts of eight branches each (16.7M joins, 4.6 GB when listed): the first distinct
    joins only, which here are the OpenAI URL."""
    lines = ["import requests", "", "def ask(k, messages):"]
    for i in range(8):
        for j in range(8):
            if i == 0:
                value = "https://api.openai.com" if j == 0 else f"https://h{j}.example"
            else:
                value = f"/p{i}x{j}" if j else ("/v1/chat/completions" if i == 7 else "")
            lines.append(f"    {'if' if j == 0 else 'elif'} k == {j}:\n        p{i} = '{value}'")
    url = 'f"' + "".join("{p%d}" % i for i in range(8)) + '"'
    lines.append(f"    return requests.post({url}, json={{'model': 'm', 'messages': messages}})")
    source = "\n".join(lines) + "\n"
    found = sites(tmp_path, source)
    assert [(line, provider) for line, provider, _ in found] == [(source.count("\n"), "openai")]


def test_a_url_from_the_applications_configuration_needs_an_llm_body(tmp_path):
    """The shape of a digest's gateway client: the endpoint a field of a settings object, a
    ``self`` attribute set from one, a key of a loaded config mapping."""
    found = sites(tmp_path, """
        import httpx
        import requests

        class Gateway:
            def __init__(self, config):
                self.config = config
                self.url = config.endpoint
                self.http = httpx.Client()

            def ask(self, messages):
                payload = {"model": self.config.model, "messages": messages}
                return self.http.post(self.config.endpoint, json=payload)

            def again(self, messages):
                return self.http.post(self.url, json={"model": "m", "messages": messages})

            def hook(self, text):
                return self.http.post(self.config.webhook_url, json={"text": text})

        def complete(cfg, text):
            return requests.post(cfg["llm"]["url"], json={"model": "m", "prompt": text})

        def ask_user(user, text):
            return requests.post(user.endpoint, json={"model": "m", "messages": [text]})
    """)
    assert [(line, provider) for line, provider, _ in found] == [
        (13, "openai-compatible"), (16, "openai-compatible"), (22, "openai-compatible")]


def test_a_configured_url_sent_a_responses_body_through_urllib(tmp_path):
    """A Responses API request (``{"model", "instructions", "input"}``) built as a urllib
    ``Request`` to a URL the configuration holds and sent with ``urlopen`` (its default in the
    config module); a ``Request`` with no data is a GET, and a body without ``model`` no LLM request."""
    found = project_classes(tmp_path, {"digest/config.py": """
        from dataclasses import dataclass

        @dataclass
        class AnalysisConfig:
            base_url: str
            model: str

        def load(table):
            return AnalysisConfig(base_url=table.get("base_url", "https://api.openai.com/v1/responses"), model="m")
    """, "digest/analysis.py": """
        import json
        from urllib.request import Request, urlopen

        from .config import AnalysisConfig

        def analyse(config: AnalysisConfig, paper):
            payload = {"model": config.model, "instructions": "be brief", "input": paper}
            request = Request(config.base_url, data=json.dumps(payload).encode("utf-8"), method="POST")
            with urlopen(request, timeout=30) as response:
                return response.read()

        def fetch(config: AnalysisConfig):
            return urlopen(Request(config.feed_url)).read()

        def deliver(config: AnalysisConfig, text):
            return urlopen(Request(config.webhook_url, data=json.dumps({"input": text}).encode()))
    """, "digest/__init__.py": ""})
    assert list(found) == [("digest/analysis.py", 9)]


def test_a_body_recording_a_finished_exchange_is_no_request(tmp_path):
    """An audit log of the exchange (``model``, ``input`` and the ``output`` the model gave) posted
    to a URL from the environment records a request made elsewhere; the request itself is the site."""
    found = sites(tmp_path, """
        import os

        import requests
        from openai import OpenAI

        client = OpenAI()

        def main():
            text = client.responses.create(model="gpt-4o", input="hello").output_text
            requests.post(os.environ["AUDIT_URL"], json={"model": "gpt-4o", "input": "hello", "output": text})
            requests.post(os.environ["LLM_URL"], json={"model": "gpt-4o", "input": text})
    """)
    assert [(line, provider) for line, provider, _ in found] == [(10, "openai"), (12, "openai-compatible")]
