"""The provider catalog, through the public lookups the graph and the rules use."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.providers.spec import BATCH, FACTORY, POLL, STREAM, SYNC
from llm_latency_lint.facts.calls import decorator_functions

KINDS = {SYNC, STREAM, BATCH, POLL, FACTORY}


def _all_ops():
    """(provider, client type or None, path, Operation) for every declared operation."""
    for provider in providers.all_providers():
        for path, op in provider.operations.items():
            yield provider, None, path, op
        for client, ops in provider.client_operations.items():
            for path, op in ops.items():
                yield provider, client, path, op
        for name, op in provider.module_functions.items():
            yield provider, None, name, op


# ---- matching spellings ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "client, path, provider_id, operation, kind",
    [
        ("openai.OpenAI", ("chat", "completions", "with_raw_response", "create"), "openai", "chat.completions.create", SYNC),
        ("openai.AsyncOpenAI", ("chat", "completions", "with_streaming_response", "create"), "openai", "chat.completions.create", SYNC),
        ("anthropic.Anthropic", ("beta", "messages", "create"), "anthropic", "messages.create", SYNC),
        ("anthropic.AsyncAnthropic", ("messages", "stream"), "anthropic", "messages.stream", STREAM),
        ("anthropic.Anthropic", ("beta", "messages", "batches", "create"), "anthropic", "messages.batches.create", BATCH),
        ("anthropic.Anthropic", ("messages", "batches", "results"), "anthropic", "messages.batches.results", POLL),
        ("google.genai.Client", ("aio", "models", "generate_content"), "google", "models.generate_content", SYNC),
        ("google.genai.client.Client", ("models", "generate_content_stream"), "google", "models.generate_content_stream", STREAM),
        ("google.genai.Client", ("aio", "batches", "get"), "google", "batches.get", POLL),
        ("vertexai.generative_models.GenerativeModel", ("generate_content_async",), "vertexai", "generate_content_async", SYNC),
        ("google.generativeai.GenerativeModel", ("generate_content",), "google-generativeai", "generate_content", SYNC),
        ("boto3.client#bedrock-runtime", ("converse_stream",), "bedrock", "converse_stream", STREAM),
        ("boto3.session.Session.client#bedrock-runtime", ("invoke_model",), "bedrock", "invoke_model", SYNC),
        ("boto3.Session.client#bedrock", ("create_model_invocation_job",), "bedrock", "create_model_invocation_job", BATCH),
        ("mistralai.Mistral", ("chat", "complete"), "mistral", "chat.complete", SYNC),
        ("mistralai.client.Mistral", ("chat", "complete_async"), "mistral", "chat.complete_async", SYNC),
        ("mistralai.client.MistralClient", ("chat_stream",), "mistral", "chat_stream", STREAM),
        ("mistralai.async_client.MistralAsyncClient", ("embeddings",), "mistral", "embeddings", SYNC),
        ("groq.Groq", ("chat", "completions", "with_raw_response", "create"), "groq", "chat.completions.create", SYNC),
        ("together.Together", ("batches", "create_batch"), "together", "batches.create_batch", BATCH),
        ("cohere.ClientV2", ("chat_stream",), "cohere", "chat_stream", STREAM),
        ("cohere.AsyncClient", ("embed_jobs", "create"), "cohere", "embed_jobs.create", BATCH),
        ("litellm.Router", ("acompletion",), "litellm", "acompletion", SYNC),
        ("langchain_openai.ChatOpenAI", ("astream",), "langchain", "astream", STREAM),
        ("langchain_core.runnables.Runnable", ("invoke",), "langchain", "invoke", SYNC),
        ("langchain_openai.OpenAIEmbeddings", ("embed_documents",), "langchain", "embed_documents", SYNC),
    ],
)
def test_match_client_call(client, path, provider_id, operation, kind):
    match = providers.match_client_call(client, path)
    assert match is not None
    assert (match.provider.id, match.operation, match.op.kind, match.client) == (provider_id, operation, kind, client)


@pytest.mark.parametrize(
    "client, path",
    [
        ("anthropic.Anthropic", ("messages", "count_tokens")),  # not inference
        ("google.genai.Client", ("models", "count_tokens")),
        ("openai.OpenAI", ("messages", "create")),  # another provider's path
        ("boto3.client#s3", ("invoke_model",)),  # other AWS services
        ("boto3.client#bedrock", ("invoke_model",)),  # control plane has no runtime ops
        ("langchain_openai.OpenAIEmbeddings", ("invoke",)),
        ("twilio.rest.Client", ("messages", "create")),
        ("cohere.ClientV2", ("datasets", "create")),  # fine-tune datasets too; see cohere.py
    ],
)
def test_no_match(client, path):
    assert providers.match_client_call(client, path) is None


def test_embedding_ops_are_marked():
    for client, path in [
        ("google.genai.Client", ("models", "embed_content")),
        ("mistralai.Mistral", ("embeddings", "create")),
        ("cohere.Client", ("embed",)),
        ("langchain_openai.OpenAIEmbeddings", ("embed_query",)),
        ("vertexai.language_models.TextEmbeddingModel", ("get_embeddings",)),
    ]:
        assert providers.match_client_call(client, path).op.embedding, (client, path)
    assert providers.match_function("litellm.embedding").op.embedding
    assert providers.match_function("google.generativeai.embed_content").op.embedding
    assert not providers.match_client_call("anthropic.Anthropic", ("messages", "create")).op.embedding


# ---- module functions ------------------------------------------------------------------------
def test_match_function():
    litellm = providers.match_function("litellm.completion")
    assert (litellm.provider.id, litellm.op.kind, litellm.op.endpoint) == ("litellm", SYNC, "/v1/chat/completions")
    legacy = providers.match_function("openai.ChatCompletion.create")
    assert (legacy.provider.id, legacy.op.kind) == ("openai", SYNC)
    assert providers.match_function("vertexai.batch_prediction.BatchPredictionJob.submit").op.kind == BATCH
    assert providers.match_function("litellm.retrieve_batch").op.kind == POLL
    assert providers.match_function("litellm.nonexistent") is None
    assert providers.match_function("requests.post") is None


def test_thread_pool_batches_are_online_calls():
    """litellm.batch_completion and Runnable.batch look like batch APIs but are full-price fan-outs."""
    for name in ("litellm.batch_completion", "litellm.batch_completion_models"):
        op = providers.match_function(name).op
        assert op.kind == SYNC and op.batchable
        assert "thread pool" in op.note
    for method in ("batch", "abatch", "batch_as_completed"):
        op = providers.match_client_call("langchain_anthropic.ChatAnthropic", (method,)).op
        assert op.kind == SYNC and "not a batch API" in op.note


# ---- factories -------------------------------------------------------------------------------
def test_google_chats_factory():
    chat = providers.factory_result("google.genai.Client", ("chats", "create"))
    assert chat == "google.genai.chats.Chat"
    assert providers.factory_result("google.genai.Client", ("aio", "chats", "create")) == chat
    send = providers.match_client_call(chat, ("send_message",))
    assert send.provider.id == "google" and send.op.kind == SYNC and not send.op.batchable
    assert "multi-turn" in send.op.note
    assert providers.match_client_call(chat, ("send_message_stream",)).op.kind == STREAM
    # a non-factory op returns no type
    assert providers.factory_result("google.genai.Client", ("models", "generate_content")) is None


def test_start_chat_factories():
    for model, session in [
        ("vertexai.generative_models.GenerativeModel", "vertexai.generative_models.ChatSession"),
        ("vertexai.preview.generative_models.GenerativeModel", "vertexai.preview.generative_models.ChatSession"),
        ("google.generativeai.GenerativeModel", "google.generativeai.ChatSession"),
    ]:
        assert providers.factory_result(model, ("start_chat",)) == session
        assert not providers.match_client_call(session, ("send_message",)).op.batchable


def test_module_factories():
    chat = providers.match_function("langchain.chat_models.init_chat_model")
    assert chat.op.kind == FACTORY
    assert providers.match_client_call(chat.op.returns, ("invoke",)).provider.id == "langchain"
    emb = providers.match_function("vertexai.language_models.TextEmbeddingModel.from_pretrained").op
    assert providers.match_client_call(emb.returns, ("get_embeddings",)).op.embedding


def test_every_factory_returns_a_known_client():
    """A factory returns a catalogued client; so does a site that also builds one (an index's
    ``from_documents`` embeds and is the index), and it is a plain request, not a batch."""
    for provider, _client, path, op in _all_ops():
        if op.kind == FACTORY:
            assert op.returns and providers.is_client(op.returns), (provider.id, path)
        elif op.returns is not None:
            assert op.kind == SYNC and providers.is_client(op.returns), (provider.id, path)


def test_llamaindex_from_documents_is_a_site_that_returns_the_index():
    built = providers.match_function("llama_index.core.VectorStoreIndex.from_documents")
    assert built.op.kind == SYNC and built.op.embedding
    assert providers.match_client_call(built.op.returns, ("as_retriever",)).op.kind == FACTORY
    retriever = providers.factory_result(built.op.returns, ("as_retriever",))
    assert providers.match_client_call(retriever, ("retrieve",)).op.embedding
    # a summary index stores text: building it calls no model
    assert providers.match_function("llama_index.core.SummaryIndex.from_documents").op.kind == FACTORY
    assert providers.match_function("llama_index.core.VectorStoreIndex.from_vector_store").op.kind == FACTORY


# ---- refusals --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "client, words",
    [
        ("anthropic.AnthropicBedrock", "create_model_invocation_job"),
        ("anthropic.AsyncAnthropicBedrock", "Bedrock"),
        ("anthropic.AnthropicVertex", "Vertex batch prediction"),
        ("anthropic.AsyncAnthropicVertex", "Vertex"),
        ("anthropic.AnthropicFoundry", "None"),
        ("mistralai.azure.client.MistralAzure", "no batch resource"),
    ],
)
def test_refusals(client, words):
    match = providers.match_client_call(client, ("messages", "create") if "anthropic" in client else ("chat", "complete"))
    assert match is not None and words in match.refusal


def test_first_party_clients_have_no_refusal():
    for client in ("anthropic.Anthropic", "anthropic.AsyncAnthropic", "mistralai.client.Mistral"):
        path = ("messages", "create") if "anthropic" in client else ("chat", "complete")
        assert providers.match_client_call(client, path).refusal == ""


# ---- the untyped-receiver fallback -----------------------------------------------------------
def test_unresolved_fallback_uses_import_roots():
    anthropic = providers.match_unresolved(("messages", "create"), frozenset({"anthropic"}))
    assert anthropic.provider.id == "anthropic"
    assert providers.match_unresolved(("messages", "create"), frozenset({"twilio"})) is None
    # the same path in two imported SDKs is ambiguous
    assert providers.match_unresolved(("chat", "completions", "create"), frozenset({"openai", "groq"})) is None
    assert providers.match_unresolved(("chat", "complete"), frozenset({"mistralai"})).provider.id == "mistral"


def test_google_fallback_is_kept_precise_by_its_paths():
    """All Google SDKs share the ``google`` root (the graph intersects first import segments),
    so only paths naming one operation among the imported providers may match."""
    roots = frozenset({"google"})
    assert providers.match_unresolved(("aio", "models", "generate_content"), roots).provider.id == "google"
    assert providers.match_unresolved(("models", "embed_content"), roots).op.embedding
    # a one-segment path (legacy GenerativeModel.generate_content) never falls back
    assert providers.match_unresolved(("generate_content",), roots) is None
    # batches.create is every SDK's name: with OpenAI imported too it is ambiguous
    assert providers.match_unresolved(("batches", "create"), frozenset({"google", "openai"})) is None
    assert providers.match_unresolved(("models", "generate_content"), frozenset({"vertexai"})) is None


def test_factories_are_never_fallback_matches():
    assert providers.match_unresolved(("chats", "create"), frozenset({"google.genai"})) is None


# ---- catalog invariants ----------------------------------------------------------------------
def test_method_names_cover_every_operation():
    """Every operation is a candidate by its last segment, except decorators (``task.llm``), which
    are candidates by their qualified name (``facts.calls.decorator_functions``)."""
    names = providers.method_names()
    for provider, _client, path, op in _all_ops():
        if op.decorator:
            assert path in decorator_functions() and path.rsplit(".", 1)[-1] not in names, path
        elif op.qualified_only:  # ``lmstudio.llm``: typed by its qualified name, never a site
            assert op.kind == FACTORY and path.rsplit(".", 1)[-1] not in names, path
        else:
            assert path.rsplit(".", 1)[-1] in names, (provider.id, path)


def test_no_client_type_in_two_providers():
    owners = Counter()
    for provider in providers.all_providers():
        for client in set(provider.clients) | set(provider.client_operations):
            owners[client] += 1
    assert [c for c, n in owners.items() if n > 1] == []


def test_provider_ids_unique():
    ids = [p.id for p in providers.all_providers()]
    assert len(ids) == len(set(ids))
    assert {"anthropic", "google", "vertexai", "google-generativeai", "bedrock", "mistral", "groq",
            "together", "cohere", "litellm", "langchain", "openai"} <= set(ids)


def test_every_provider_cites_its_discount():
    for provider in providers.all_providers():
        assert re.search(r"20\d\d-\d\d-\d\d", provider.discount_source), provider.id
        assert 0.0 <= provider.discount <= 1.0
        # reached by an import, an anchor word, or as another SDK's client pointed at its server
        assert provider.import_roots or provider.anchors or all("#base_url=" in c for c in provider.clients), provider.id
    by_id = {p.id: p for p in providers.all_providers()}
    for unverified in ("groq", "cohere", "bedrock"):
        assert "UNVERIFIED" in by_id[unverified].discount_source
    assert by_id["groq"].discount == 0.25
    assert by_id["together"].discount == 0.5


def test_langchain_has_no_batch_api():
    lc = providers.provider_by_id("langchain")
    assert not lc.batch_supported and lc.discount == 0.0
    assert "provider SDK" in lc.no_batch_reason
    for provider in providers.all_providers():
        # a provider either has a batch API or says why not (and then counts no discount)
        assert provider.batch_supported != bool(provider.no_batch_reason), provider.id
        if not provider.batch_supported:
            assert provider.discount == 0.0, provider.id


def test_kinds_and_notes():
    for provider, _client, path, op in _all_ops():
        assert op.kind in KINDS, (provider.id, path)
        if not op.batchable:
            assert op.note, f"{provider.id} {path}: say why it is not batchable"


BATCH_PATH_WORDS = ("batches.", "batch.jobs.", "model_invocation_job", "embed_jobs.", "BatchPredictionJob",
                    "create_batch", "retrieve_batch", "list_batches", "get_batch")


def test_batch_and_poll_ops_are_not_online_calls():
    seen = 0
    for provider, _client, path, op in _all_ops():
        if any(word in path for word in BATCH_PATH_WORDS):
            seen += 1
            assert op.kind in (BATCH, POLL), (provider.id, path)
        if op.kind in (BATCH, POLL):
            assert op.endpoint is None and not op.embedding, (provider.id, path)
    assert seen >= 30


@pytest.mark.parametrize(
    "client, path, kind",
    [
        ("anthropic.Anthropic", ("messages", "batches", "retrieve"), POLL),
        ("anthropic.Anthropic", ("messages", "batches", "list"), POLL),
        ("google.genai.Client", ("batches", "create"), BATCH),
        ("google.genai.Client", ("batches", "list"), POLL),
        ("boto3.client#bedrock", ("get_model_invocation_job",), POLL),
        ("mistralai.client.Mistral", ("batch", "jobs", "create"), BATCH),
        ("mistralai.Mistral", ("batch", "jobs", "get"), POLL),
        ("groq.AsyncGroq", ("batches", "retrieve"), POLL),
        ("together.AsyncTogether", ("batches", "create"), BATCH),
        ("cohere.Client", ("batches", "create"), BATCH),
        ("litellm.Router", ("acreate_batch",), BATCH),
    ],
)
def test_batch_lifecycle_ops(client, path, kind):
    assert providers.match_client_call(client, path).op.kind == kind


def test_upload_is_batch_only_for_batch_purpose():
    assert providers.match_client_call("groq.Groq", ("files", "create")).op.requires_kwarg == ("purpose", ("batch",))
    assert providers.match_client_call("together.Together", ("files", "upload")).op.requires_kwarg == (
        "purpose", ("batch-api",)
    )
    assert providers.match_client_call("mistralai.Mistral", ("files", "upload")).op.requires_kwarg[0] == "purpose"
    assert providers.match_function("litellm.create_file").op.requires_kwarg == ("purpose", ("batch",))


def test_openai_shaped_endpoints():
    expected = {
        ("groq.Groq", ("chat", "completions", "create")): "/v1/chat/completions",
        ("together.Together", ("chat", "completions", "create")): "/v1/chat/completions",
        ("together.Together", ("audio", "transcriptions", "create")): "/v1/audio/transcriptions",
        ("mistralai.Mistral", ("chat", "stream")): "/v1/chat/completions",
        ("mistralai.Mistral", ("embeddings", "create_async")): "/v1/embeddings",
        ("mistralai.Mistral", ("fim", "complete")): "/v1/fim/completions",
        ("mistralai.client.Mistral", ("ocr", "process")): "/v1/ocr",
        ("boto3.client#bedrock-runtime", ("converse",)): "Converse",
    }
    for (client, path), endpoint in expected.items():
        assert providers.match_client_call(client, path).op.endpoint == endpoint, (client, path)
    for name, op in providers.provider_by_id("litellm").module_functions.items():
        if op.kind == SYNC:
            assert op.endpoint and op.endpoint.startswith("/v1/"), name


def test_not_batchable_where_the_batch_endpoint_is_missing():
    assert not providers.match_client_call("groq.Groq", ("embeddings", "create")).op.batchable
    assert not providers.match_client_call("together.Together", ("embeddings", "create")).op.batchable
    assert not providers.match_client_call("anthropic.Anthropic", ("beta", "messages", "tool_runner")).op.batchable
    assert providers.match_client_call("mistralai.Mistral", ("chat", "parse")).op.batchable


def test_framework_backends_name_a_model_class_and_a_provider_with_a_batch_api():
    for provider in providers.all_providers():
        for client, backend_id in provider.backends.items():
            assert client in provider.clients or client in provider.client_operations, client
            backend = providers.provider_by_id(backend_id)
            assert backend is not None and backend.batch_supported, (client, backend_id)
    langchain = providers.provider_by_id("langchain")
    assert langchain is not None and not langchain.batch_supported
    match = providers.match_client_call("langchain_openai.ChatOpenAI", ("invoke",))
    assert match is not None and match.batch_provider is not None and match.batch_provider.id == "openai"
    runnable = providers.match_client_call("langchain_core.runnables.Runnable", ("invoke",))
    assert runnable is not None and runnable.batch_provider is None
