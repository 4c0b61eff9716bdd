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


def test_a_twilio_message_in_a_file_importing_anthropic_is_no_site_on_a_parameter_or_attribute(tmp_path):
    """An untyped receiver, a parameter or a ``self.`` attribute alike, needs the model named
    (review of issue 15): ``messages.create(to=..., body=...)`` is Twilio's even where the file
    imports ``anthropic``; the same receiver naming a model is Anthropic's, by shape."""
    found = scan(tmp_path, """
        import anthropic

        class Notifier:
            def __init__(self, sms, llm):
                self.sms = sms
                self.llm = llm

            def send(self, to):
                self.sms.messages.create(to=to, from_="+15550101", body="done")

            def ask(self, q):
                return self.llm.messages.create(model="claude-haiku-4-5", max_tokens=9, messages=q)

        def send(sms, to):
            sms.messages.create(to=to, from_="+15550101", body="done")
    """).sites
    assert [(s.resolved.site.line, s.resolved.match.provider.id) for s in found] == [(13, "anthropic")]
    assert "inferred from the call shape" in found[0].resolved.match.inferred


def test_a_one_word_aws_operation_needs_bedrocks_own_model_keyword(tmp_path):
    """``converse`` / ``invoke_model`` with ``model=`` or ``model_name=`` is a project's or a model
    server's method; only ``modelId=`` makes it Bedrock's. An agent operation names no model, so
    its path never matches on an untyped receiver."""
    assert sites(tmp_path, """
        def predict(server, x):
            return server.invoke_model(model_name="resnet50", inputs=x)

        def talk(bot, x):
            return bot.converse(x, model="default")

        def agent(runtime, q):
            return runtime.invoke_agent(agentId="a", agentAliasId="b", sessionId="s", inputText=q, modelId="m")

        def ask(runtime, q):
            return runtime.converse(modelId="anthropic.claude-3-haiku", messages=q)
    """) == [(12, "bedrock", "converse")]
    assert ".invoke_agent(" not in providers.call_path_anchors()


def test_the_model_keyword_a_call_passes_is_recorded(tmp_path):
    found = scan(tmp_path, """
        import boto3

        rt = boto3.client("bedrock-runtime")

        def ask(q):
            return rt.converse(modelId="m", messages=q)
    """).sites
    assert [s.resolved.site.model_keyword for s in found] == ["modelId"]


@pytest.mark.parametrize("text", [
    "registry.classifiers.classify(model='svm', data=[1])",
    "x.chat.complete(model='m')",
    "x.ocr.process(model='tesseract', document=d)",
    "x.chat.stream(model='m')",
    "x.agents.complete(model='m')",
])
def test_a_generic_path_of_one_sdk_is_no_site_without_its_package(tmp_path, text):
    """Mistral's ``chat.complete``, ``ocr.process``... are words any object takes: with no SDK
    imported in the project, the single-owner fallback takes only paths the catalog flags
    distinctive (``Provider.shape_paths``)."""
    assert sites(tmp_path, f"def f(registry, x, d):\n    return {text}\n") == []
    assert providers.match_shape(("chat", "complete"), frozenset({"mistralai"})).provider.id == "mistral"


def test_a_distinctive_path_still_names_its_only_sdk_without_an_import():
    found = providers.match_shape(("models", "generate_content"), frozenset())
    assert found is not None and found.provider.id == "google"
    assert providers.match_shape(("classifiers", "classify"), frozenset()) is None


@pytest.mark.parametrize("url", [
    "https://api.openai.com/v1/messages",
    "https://api.groq.com/openai/v1/messages",
    "https://api.together.xyz/v1/messages",
    "http://localhost:4000/v1/messages",  # no LLM body: maybe the app's own route
])
def test_the_messages_path_on_a_host_that_does_not_serve_it_is_no_site(url):
    assert http.classify_url(url, ("text", "channel") if "localhost" in url else LLM_BODY) is None


def test_a_local_proxy_serving_anthropics_api_is_anthropic_compatible():
    match = providers.match_function(http.classify_url("http://localhost:4000/v1/messages", LLM_BODY) or "")
    assert match is not None and match.provider.id == "anthropic-compatible"
    assert not match.provider.batch_supported


@pytest.mark.parametrize("base_url, provider", [
    ("https://openrouter.ai/api", "anthropic-compatible"),
    ("http://localhost:4000", "anthropic-compatible"),
    ("https://api.groq.com", "anthropic-compatible"),
    ("https://api.moonshot.ai/anthropic", "moonshot"),
])
def test_the_anthropic_sdk_on_a_host_agrees_with_a_raw_post_to_it(tmp_path, base_url, provider):
    found = scan(tmp_path, f"""
        import anthropic

        c = anthropic.Anthropic(base_url="{base_url}")

        def ask(q):
            return c.messages.create(model="m", max_tokens=9, messages=q)
    """).sites
    assert [(s.resolved.match.provider.id, s.resolved.match.batch_provider) for s in found] == [(provider, None)]


def test_by_name_matches_share_one_operation_lookup():
    openai = providers.provider_by_id("openai")
    found = providers.operation_match(openai, "chat.completions.create")
    assert found is not None and found.op.kind == "sync"
    assert providers.operation_match(openai, "no.such.operation") is None
    shaped = providers.match_shape(("models", "generate_content"), frozenset())
    imported = providers.match_unresolved(("messages", "create"), frozenset({"anthropic"}))
    for match in (shaped, imported):
        assert match.inferred.startswith(f"the receiver has no known type: {match.provider.label} {match.operation} "
                                         "inferred from the call shape (")
