"""SDK shapes round 6 missed, as classes: Hugging Face Inference clients, HTTP endpoints chosen by
configuration, and requests unpacked from a mapping on an untyped receiver."""
from __future__ import annotations

import inspect

import pytest
from support.scan import scan, sites

from llm_latency_lint.catalog import providers

huggingface_hub = pytest.importorskip("huggingface_hub")

# Methods of the real InferenceClient that send no model request.
_HF_NOT_REQUESTS = {"close", "health_check", "get_endpoint_info"}


def test_every_inference_client_task_method_is_catalogued():
    """The catalog follows the installed SDK: each public task method of InferenceClient is an
    online Hugging Face request with no batch API, on the sync and the async client alike."""
    tasks = [n for n, _ in inspect.getmembers(huggingface_hub.InferenceClient, inspect.isfunction)
             if not n.startswith("_") and n not in _HF_NOT_REQUESTS]
    assert "chat_completion" in tasks and "feature_extraction" in tasks
    for client in ("huggingface_hub.InferenceClient", "huggingface_hub.AsyncInferenceClient"):
        for task in tasks:
            match = providers.match_client_call(client, (task,))
            assert match is not None and match.provider.id == "huggingface", (client, task)
            assert not match.provider.batch_supported
    for name in _HF_NOT_REQUESTS:
        assert providers.match_client_call("huggingface_hub.InferenceClient", (name,)) is None


def test_openai_style_alias_exists_in_the_sdk_and_is_a_site(tmp_path):
    client = huggingface_hub.InferenceClient()
    assert callable(client.chat.completions.create)  # the SDK's own OpenAI-style alias
    assert sites(tmp_path, """
        def llm_validate(token, model, prompt):
            from huggingface_hub import InferenceClient
            client = InferenceClient(token=token)

            def ask(text):
                return client.chat.completions.create(model=model, messages=[{"role": "user", "content": text}])
            return ask(prompt)

        async def summarize(text):
            from huggingface_hub import AsyncInferenceClient
            client = AsyncInferenceClient("meta-llama/Llama-3.1-8B-Instruct", provider="together")
            return await client.text_generation(text, max_new_tokens=100)

        def embed(texts):
            from huggingface_hub import InferenceClient
            return InferenceClient(model="BAAI/bge-small-en-v1.5").feature_extraction(texts)
    """) == [(7, "huggingface", "chat.completions.create"), (13, "huggingface", "text_generation"),
             (17, "huggingface", "feature_extraction")]


def test_provider_routing_is_explained_without_a_batch_api(tmp_path):
    result = scan(tmp_path, """
        from huggingface_hub import InferenceClient

        def ask(q):
            client = InferenceClient(provider="groq", api_key="k")
            return client.chat_completion(messages=[{"role": "user", "content": q}], model="m")
    """)
    [site] = result.sites
    reason = site.resolved.match.provider.no_batch_reason
    assert "Inference Providers" in reason and "directly" in reason


def test_legacy_inference_api_is_called_directly(tmp_path):
    assert sites(tmp_path, """
        from huggingface_hub.inference_api import InferenceApi

        def classify(text):
            inference = InferenceApi(repo_id="distilbert-base-uncased", token="t")
            return inference(inputs=text)
    """) == [(6, "huggingface", "__call__")]


def test_alias_on_an_untyped_receiver_keeps_openai_when_both_are_imported(tmp_path):
    """A helper handed its client, in a file importing huggingface_hub (to download files) and openai:
    the OpenAI path stays OpenAI's; with only huggingface_hub imported it is Hugging Face's."""
    assert sites(tmp_path, """
        import openai
        from huggingface_hub import hf_hub_download

        def ask(client, q):
            return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
    """) == [(6, "openai", "chat.completions.create")]
    (tmp_path / "app.py").unlink()
    assert sites(tmp_path, """
        from huggingface_hub import hf_hub_download

        def ask(client, q):
            return client.chat.completions.create(model="m", messages=[{"role": "user", "content": q}])
    """) == [(5, "huggingface", "chat.completions.create")]


def test_wrapper_packages_read_in_their_docs_are_sites(tmp_path):
    """simpleaichat's AIChat (OpenAI underneath: its batch API is one rewrite away), an ell prompt
    decorator, a Langroid agent's LLM response: each a request the project makes through a wrapper."""
    result = scan(tmp_path, """
        import ell
        from langroid import ChatAgent, ChatAgentConfig
        from simpleaichat import AIChat

        def notes(text):
            ai = AIChat(model="gpt-4o-mini")
            return ai(text)

        @ell.simple(model="gpt-4o")
        def hello(world):
            return f"Say hello to {world}."

        def ask(question):
            return ChatAgent(ChatAgentConfig()).llm_response(question)
    """)
    found = {(s.resolved.site.line, s.resolved.match.provider.id): s.resolved.match for s in result.sites}
    assert set(found) == {(8, "simpleaichat"), (10, "ell"), (15, "langroid")}
    simple = found[(8, "simpleaichat")]
    assert simple.batch_provider is not None and simple.batch_provider.id == "openai"
    assert found[(15, "langroid")].batch_provider is None


def test_an_unknown_wrapper_stays_unmatched(tmp_path):
    """A wrapper the catalog does not list is no site by its method name alone (``say``)."""
    assert sites(tmp_path, """
        from gpt_interface import GptInterface

        def summarize(text):
            interface = GptInterface(api_key="k", model="gpt-4")
            return interface.say(text)
    """) == []
