"""A provider's API served by other servers (issue 15): raw HTTP to Anthropic's ``/v1/messages``
on Z.ai, DeepSeek or a proxy, and Anthropic's SDK pointed at them, is a call site of the server
that answers it, and the evidence says its owner's batch API does not apply there; helpers handed
their client in a file that imports no SDK are kept by the prefilter and matched by shape."""
from __future__ import annotations

import pytest
from support.scan import scan, sites

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.providers import http
from llm_latency_lint.facts import prefilter

LLM_BODY = ("model", "max_tokens", "messages")


@pytest.mark.parametrize("url, body, provider, compatible", [
    ("https://api.anthropic.com/v1/messages", (), "anthropic", False),
    ("https://api.z.ai/api/anthropic/v1/messages", (), "zhipu", True),
    ("https://api.deepseek.com/anthropic/v1/messages", (), "deepseek", True),
    ("{ZAI_BASE_URL}/v1/messages", LLM_BODY, "anthropic-compatible", True),
    ("http://litellm-proxy:4000/v1/messages", LLM_BODY, "anthropic-compatible", True),
    ("{MOONSHOT_BASE}/v1/messages", (), "moonshot", True),
    ("https://ollama.com/api/chat", (), "ollama", False),
    ("{OLLAMA_BASE}/api/generate", ("model", "prompt"), "ollama", False),
])
def test_a_compatible_api_path_names_the_server_that_answers_it(url, body, provider, compatible):
    match = providers.match_function(http.classify_url(url, body) or "")
    assert match is not None and match.provider.id == provider
    assert not match.provider.batch_supported or provider == "anthropic"
    assert bool(match.inferred) == compatible
    if compatible:
        assert "Message Batches API applies only on Anthropic's own host" in match.inferred


@pytest.mark.parametrize("url, body", [
    ("{}/v1/messages", ()),  # a messaging service's own API as much as Anthropic's
    ("https://chat.example.com/v1/messages", ("text", "channel")),
    ("https://api.github.com/repos/x/messages", LLM_BODY),
])
def test_a_messages_path_without_an_llm_request_is_no_site(url, body):
    assert http.classify_url(url, body) is None


def test_raw_http_to_an_anthropic_compatible_endpoint_in_a_module_constant(tmp_path):
    found = scan(tmp_path, """
        import os
        import requests

        BASE = os.getenv("ZAI_BASE_URL", "https://api.z.ai/api/anthropic")
        URL = f"{BASE}/v1/messages"
        HOST = os.environ["LLM_HOST"]

        def ask(prompt):  # llm-latency: scheduled
            payload = {"model": "glm-4.6", "max_tokens": 1024, "messages": [{"role": "user", "content": prompt}]}
            requests.post(URL, json=payload, headers={"anthropic-version": "2023-06-01"})
            return requests.post(HOST + "/v1/messages", json=payload)
    """).sites
    assert [(s.resolved.site.line, s.resolved.match.provider.id) for s in found] == [
        (11, "zhipu"), (12, "anthropic-compatible")]
    assert all("applies only on Anthropic's own host" in s.evidence[-1].note for s in found)


def test_the_anthropic_sdk_pointed_at_a_compatible_endpoint_is_that_servers(tmp_path):
    assert sites(tmp_path, """
        import anthropic

        glm = anthropic.Anthropic(base_url="https://api.z.ai/api/anthropic")
        claude = anthropic.Anthropic()

        def ask(q):
            glm.messages.create(model="glm-4.6", max_tokens=9, messages=q)
            claude.messages.create(model="claude-sonnet-4-5", max_tokens=9, messages=q)
    """) == [(8, "zhipu", "messages.create"), (9, "anthropic", "messages.create")]


@pytest.mark.parametrize("text", [
    "def ask(client, q):\n    return client.models.generate_content(model='gemini-2.5-flash', contents=q)\n",
    "class Bot:\n    def reply(self, q):\n        return self.client.responses.create(model='m', input=q)\n",
    "def ask(base, payload):\n    return httpx.post(f'{base}/v1/messages', json=payload)\n",
])
def test_a_file_importing_no_sdk_is_kept_for_a_provider_call_shape(text):
    assert prefilter.summarise(text, "m", False).anchor


def test_a_twilio_message_is_no_site_where_a_model_request_is(tmp_path):
    (tmp_path / "app.py").write_text("import anthropic\n")
    assert sites(tmp_path, """
        def notify(client):
            client.messages.create(to="+15550100", from_="+15550101", body="done")

        def summarise(client, q):
            return client.messages.create(model="claude-haiku-4-5", max_tokens=300, messages=q)
    """) == [(6, "anthropic", "messages.create")]


def test_a_bedrock_runtime_handed_in_is_matched_by_its_aws_operation_and_model_id(tmp_path):
    """One-segment AWS operation names (``converse``, ``invoke_model``) of a client a factory makes
    per service: with ``modelId=`` a Bedrock request whatever the receiver; a project method
    called ``converse`` naming no model is none."""
    assert sites(tmp_path, """
        class Summarizer:
            def __init__(self, runtime):
                self.runtime = runtime

            def summarize(self, text):
                return self.runtime.converse(modelId="anthropic.claude-3-haiku", messages=[text])

        def embed(runtime, body):
            return runtime.invoke_model(modelId="amazon.titan-embed-text-v2:0", body=body)

        def chat(bot, text):
            return bot.converse(text)
    """) == [(7, "bedrock", "converse"), (10, "bedrock", "invoke_model")]
