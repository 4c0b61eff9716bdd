"""Frameworks and wrappers in front of a provider SDK.

- instructor: ``instructor.from_openai(OpenAI())`` / ``patch(...)`` / ``from_anthropic`` return the
  same client with ``response_model=`` support, so they are factories of that SDK's client type and
  its batch API applies as to the plain client; ``from_litellm(completion)`` is a LiteLLM call.
- Langfuse's drop-in (``from langfuse.openai import openai`` / ``OpenAI``) is the OpenAI SDK: its
  clients and module proxy are listed in ``openai.py``.
- LlamaIndex (``llama_index``): LLMs (``complete``/``chat`` and their stream and async forms),
  embeddings (``get_text_embedding``...), and indexes whose ``as_query_engine()`` /
  ``as_chat_engine()`` answer ``query`` / ``chat`` with a model call; ``IngestionPipeline(...).run``
  embeds the nodes with the embedding model among its transformations (a pipeline of splitters
  alone embeds nothing: reported all the same, as this file cannot see the list); so does an
  index's ``insert_nodes``. Chat and query engines built by name (``from_defaults``), the
  retrievers, query transforms and rerankers that call a model themselves (``_LI_RETRIEVERS``...).
  Models set globally: ``VectorStoreIndex.from_documents`` embeds every node (and returns the
  index), a vector retriever (``as_retriever()``, ``VectorIndexRetriever``) embeds the query, an
  engine calls the LLM, each with the model passed in or else ``Settings.llm`` /
  ``Settings.embed_model`` (a graph index built from documents both: ``LI_SETTINGS_USED``), OpenAI's
  by default: the operation is the site, and the provider of
  the model ``Settings`` holds (``LI_BACKENDS``) is whose batch API a scheduled call could move
  to. When the call or a factory building its receiver passes ``llm=`` / ``embed_model=`` /
  ``service_context=`` the backend is left unknown (legacy ``ServiceContext`` and
  ``set_global_service_context`` are not read). Readers, splitters and ``from_vector_store`` call nothing.
  No batch API of its own.
- DSPy: a module (``dspy.Predict``, ``ChainOfThought``, ``ReAct``) or ``dspy.LM`` is called
  directly; ``forward`` too. No batch API.
- semantic-router: a router called on a text embeds it (``_ROUTER``). No batch API.
- Portkey's gateway client: no batch API here (Replicate is in ``sdks.py``).
"""
from typing import Dict, Tuple

from llm_latency_lint.catalog.providers.local_models import LI_LOCAL_MODELS
from llm_latency_lint.catalog.providers.spec import (
    FACTORY,
    STREAM,
    SYNC,
    Operation,
    Provider,
)

_NO_BATCH = "no batch API: each call is an online request"


def _ops(*names: str, stream: tuple = (), embedding: tuple = ()) -> Dict[str, Operation]:
    ops = {n: Operation(SYNC) for n in names}
    ops.update({n: Operation(STREAM) for n in stream})
    ops.update({n: Operation(SYNC, embedding=True) for n in embedding})
    return ops


def _provider(provider_id: str, label: str, **fields) -> Provider:
    return Provider(id=provider_id, label=label, batch_api="none", batch_supported=False,
                    no_batch_reason=f"{label}: {_NO_BATCH}; for scheduled work call the provider SDK's batch API",
                    **fields)


_LI_LLM = _ops("complete", "acomplete", "chat", "achat", "predict", "apredict", "structured_predict",
               "astructured_predict", stream=("stream_complete", "astream_complete", "stream_chat", "astream_chat"))
_LI_EMBED = _ops(embedding=("get_text_embedding", "get_text_embedding_batch", "get_query_embedding",
                            "aget_text_embedding", "aget_query_embedding", "aget_text_embedding_batch"))
_LI_ENGINE = _ops("query", "aquery", "chat", "achat", stream=("stream_chat", "astream_chat"))
# The model an index, engine or retriever calls is its own argument or, when none is passed, the
# global ``Settings.llm`` / ``Settings.embed_model`` (the legacy ``ServiceContext`` is not read),
# whose defaults are OpenAI's: no model object reaches the call,
# so the operation itself is the site (developers.llamaindex.ai, "Configuring Settings").
_LI_SETTINGS = "uses the model passed in, else the global Settings (LlamaIndex's default: OpenAI)"
_LI_RETRIEVER = "llama_index.core.retrievers.VectorIndexRetriever"
_LI_INDEX = {
    "as_query_engine": Operation(FACTORY, returns="llama_index.core.query_engine.BaseQueryEngine"),
    "as_chat_engine": Operation(FACTORY, returns="llama_index.core.query_engine.BaseQueryEngine"),
    "as_retriever": Operation(FACTORY, returns=_LI_RETRIEVER),
    # inserting nodes or documents embeds them with the index's embedding model
    **_ops(embedding=("insert", "insert_nodes", "ainsert_nodes", "refresh_ref_docs", "refresh")),
}
# Chat and query engines built by name (``CondensePlusContextChatEngine.from_defaults(retriever, llm)``).
_LI_ENGINES = tuple(f"llama_index.core.{path}" for path in (
    *(f"chat_engine.{c}" for c in ("CondensePlusContextChatEngine", "ContextChatEngine",
                                   "CondenseQuestionChatEngine", "SimpleChatEngine")),
    *(f"query_engine.{c}" for c in ("RetrieverQueryEngine", "CitationQueryEngine", "SubQuestionQueryEngine",
                                    "RouterQueryEngine")),
))
_LI_ENGINE_CTORS = ("from_defaults", "from_args")
# Retrievers, query transforms and postprocessors that call a model themselves: a fusion retriever
# writes query variants with the LLM, HyDE writes a hypothetical answer, an LLM reranker asks the
# LLM, a hosted reranker calls its provider. Plain vector retrievers (``as_retriever``) only embed
# the query with whatever model the index has, and local rerankers (``SentenceTransformerRerank``)
# call nothing remote: neither is listed.
_LI_RETRIEVERS = ("llama_index.core.retrievers.QueryFusionRetriever",
                  "llama_index.core.retrievers.fusion_retriever.QueryFusionRetriever")
_LI_TRANSFORMS = tuple(f"llama_index.core.{m}.HyDEQueryTransform" for m in (
    "indices.query.query_transform", "indices.query.query_transform.base"))
_LI_RERANKERS = (
    "llama_index.postprocessor.cohere_rerank.CohereRerank", "llama_index.postprocessor.jinaai_rerank.JinaRerank",
    "llama_index.postprocessor.voyageai_rerank.VoyageAIRerank", "llama_index.core.postprocessor.LLMRerank",
    "llama_index.postprocessor.rankgpt_rerank.RankGPTRerank",
)
_LI_LLMS = tuple(f"llama_index.llms.{m}" for m in (
    "openai.OpenAI", "anthropic.Anthropic", "gemini.Gemini", "google_genai.GoogleGenAI", "groq.Groq",
    "ollama.Ollama", "mistralai.MistralAI", "bedrock.Bedrock", "bedrock_converse.BedrockConverse",
    "azure_openai.AzureOpenAI", "openai_like.OpenAILike", "litellm.LiteLLM", "vertex.Vertex",
    # integration packages (docs.llamaindex.ai/en/stable/api_reference/llms/)
    "deepseek.DeepSeek", "dashscope.DashScope", "zhipuai.ZhipuAI", "openrouter.OpenRouter", "together.TogetherLLM",
    "fireworks.Fireworks", "cohere.Cohere", "perplexity.Perplexity", "huggingface_api.HuggingFaceInferenceAPI",
    "nvidia.NVIDIA", "vllm.Vllm", "xai.XAI", "anthropic.base.Anthropic", "openai.base.OpenAI", "mistralai.base.MistralAI",
    "azure_inference.AzureAICompletionsModel", "cerebras.Cerebras", "sambanovasystems.SambaNovaCloud",
    "siliconflow.SiliconFlow", "moonshot.MoonshotLLM", "qianfan.Qianfan",
)) + ("llama_index.core.llms.LLM",)
_LI_EMBEDS = tuple(f"llama_index.embeddings.{m}" for m in (
    "openai.OpenAIEmbedding", "gemini.GeminiEmbedding", "google_genai.GoogleGenAIEmbedding",
    "ollama.OllamaEmbedding", "bedrock.BedrockEmbedding",
    "azure_openai.AzureOpenAIEmbedding",
    "cohere.CohereEmbedding", "voyageai.VoyageEmbedding", "mistralai.MistralAIEmbedding", "jinaai.JinaEmbedding",
    "dashscope.DashScopeEmbedding", "fireworks.FireworksEmbedding", "together.TogetherEmbedding",
    "nvidia.NVIDIAEmbedding", "huggingface_api.HuggingFaceInferenceAPIEmbedding", "vertex.VertexTextEmbedding",
    "zhipuai.ZhipuAIEmbedding", "text_embeddings_inference.TextEmbeddingsInference",
))
# The provider each model class calls: a scheduled LlamaIndex call can move to its batch API
# through that provider's SDK (as LangChain's model classes, ``langchain.BACKENDS``). The index,
# engine and retriever operations call ``Settings.llm`` / ``Settings.embed_model`` when no model is
# passed (``SETTINGS_MODELS``), whose default is OpenAI's (``project.edges`` reads them).
_LI_BACKEND_OF = {"openai": "openai", "azure_openai": "openai", "anthropic": "anthropic", "gemini": "google",
                  "google_genai": "google", "groq": "groq", "mistralai": "mistral", "bedrock": "bedrock",
                  "bedrock_converse": "bedrock", "together": "together", "cohere": "cohere", "vertex": "vertexai"}
# Before 0.10 (one ``llama-index`` package) ``llama_index.llms`` / ``llama_index.embeddings`` exported
# the classes themselves (``from llama_index.llms import OpenAI``): class -> its module's key above.
_LI_LEGACY_OF = {"OpenAI": "openai", "AzureOpenAI": "azure_openai", "Anthropic": "anthropic", "Gemini": "gemini",
                 "MistralAI": "mistralai", "Bedrock": "bedrock", "Vertex": "vertex", "Cohere": "cohere",
                 "LiteLLM": "litellm", "OpenAILike": "openai_like", "Ollama": "ollama", "Perplexity": "perplexity",
                 "OpenAIEmbedding": "openai", "AzureOpenAIEmbedding": "azure_openai", "GeminiEmbedding": "gemini",
                 "CohereEmbedding": "cohere", "BedrockEmbedding": "bedrock", "MistralAIEmbedding": "mistralai"}
_LI_LEGACY = {f"llama_index.{'embeddings' if c.endswith('Embedding') else 'llms'}.{c}": key
              for c, key in _LI_LEGACY_OF.items()}
_LI_LLMS += tuple(name for name in _LI_LEGACY if ".llms." in name)
_LI_EMBEDS += tuple(name for name in _LI_LEGACY if ".embeddings." in name)
LI_BACKENDS = {name: _LI_BACKEND_OF[_LI_LEGACY.get(name) or name.split(".")[2]] for name in _LI_LLMS + _LI_EMBEDS
               if (_LI_LEGACY.get(name) or (name.count(".") >= 3 and name.split(".")[2])) in _LI_BACKEND_OF}
LI_SETTINGS = "llama_index.core.Settings"
LI_DEFAULT_BACKEND = "openai"  # Settings' default LLM and embedding model are OpenAI's
# A model class is its own backend (a local one, Ollama or Hugging Face, has none): never Settings'.
LI_MODELS = frozenset(_LI_LLMS + _LI_EMBEDS + LI_LOCAL_MODELS)
# Keywords that pass a model to an index, engine, retriever or their factories: the model the call
# uses is then that argument's, not ``Settings``', and unknown here unless it is the matched client.
LI_MODEL_KEYWORDS = frozenset({"llm", "embed_model", "service_context"})
# Methods building an index, engine or retriever that may take one of those keywords.
LI_FACTORY_METHODS = frozenset({"as_query_engine", "as_chat_engine", "as_retriever", "from_documents",
                                "from_defaults", "from_args", "from_vector_store"})
_LI_INDEXES = ("llama_index.core.VectorStoreIndex", "llama_index.core.SummaryIndex", "llama_index.core.ListIndex",
               "llama_index.core.KnowledgeGraphIndex", "llama_index.core.indices.VectorStoreIndex",
               "llama_index.core.PropertyGraphIndex", "llama_index.core.indices.vector_store.VectorStoreIndex",
               # before 0.10 the package root held them (``from llama_index import GPTVectorStoreIndex``)
               "llama_index.VectorStoreIndex", "llama_index.GPTVectorStoreIndex", "llama_index.KnowledgeGraphIndex")
# Indexes whose construction from documents embeds them (a summary/list index stores text only).
_LI_EMBEDDED = frozenset(i for i in _LI_INDEXES if "Summary" not in i and "List" not in i)
# A vector retriever (``index.as_retriever()``, ``VectorIndexRetriever(index=...)``) embeds the query.
_LI_VECTOR_RETRIEVERS = (_LI_RETRIEVER, "llama_index.core.retrievers.vector_store.VectorIndexRetriever",
                         "llama_index.core.indices.vector_store.retrievers.VectorIndexRetriever",
                         "llama_index.core.indices.vector_store.VectorIndexRetriever")
# Agents (developers.llamaindex.ai, "Agents"): workflow agents answer ``await agent.run(user_msg=...)``,
# the legacy ones ``chat`` / ``query``; each calls its ``llm`` or ``Settings.llm``.
_LI_WORKFLOW_AGENTS = tuple(f"llama_index.core.agent.workflow.{c}" for c in (
    "FunctionAgent", "ReActAgent", "CodeActAgent", "AgentWorkflow"))
_LI_LEGACY_AGENTS = ("llama_index.core.agent.ReActAgent", "llama_index.agent.openai.OpenAIAgent",
                     "llama_index.core.agent.FunctionCallingAgent")
_LI_PIPELINE = _ops(embedding=("run", "arun"))
_LI_PIPELINES = ("llama_index.core.ingestion.IngestionPipeline", "llama_index.core.ingestion.pipeline.IngestionPipeline")
# The ``Settings`` models an operation uses when the call passes none (``project/li_settings.py``).
# An embedding operation uses ``embed_model``, any other ``llm`` then ``embed_model`` (an engine's
# retriever embeds the query); these differ. A graph index built from documents asks the LLM for
# each chunk's triplets (``KnowledgeGraphIndex``) or paths (``PropertyGraphIndex``'s default
# extractors) and embeds them.
LI_EMBED_SETTINGS = ("embed_model",)
LI_LLM_SETTINGS = ("llm", "embed_model")
LI_SETTINGS_USED: Dict[str, Tuple[str, ...]] = {
    f"{index}.from_documents": ("llm", "embed_model") for index in _LI_INDEXES if "Graph" in index}
# Operations that run the models their constructor was given: an ``IngestionPipeline`` runs its
# ``transformations`` (``Settings.embed_model`` only when given none), which may hold a hosted model
# the site does not show (``IngestionPipeline(transformations=[..., OpenAIEmbedding()])``): an
# in-process ``Settings`` never removes the site; a hosted one still names its likely backend.
LI_OWN_MODELS = frozenset(f"{pipeline}.{method}" for pipeline in _LI_PIPELINES for method in _LI_PIPELINE)
_DSPY = _ops("__call__", "forward", "acall", "aforward")
# semantic-router: calling a router (``rl(text)``, ``acall``, ``retrieve_multiple_routes``) embeds the
# text with its encoder to pick a route (docs.aurelio.ai/semantic-router, "Introduction"); ``RouteLayer``
# is the name before 0.1, ``SemanticRouter`` / ``HybridRouter`` after. Local encoders (HuggingFace,
# FastEmbed, TF-IDF) call no API: not told apart here, the encoder is a constructor argument.
_ROUTER = _ops(embedding=("__call__", "acall", "retrieve_multiple_routes"))
_ROUTERS = ("semantic_router.RouteLayer", "semantic_router.layer.RouteLayer", "semantic_router.SemanticRouter",
            "semantic_router.routers.SemanticRouter", "semantic_router.HybridRouter",
            "semantic_router.routers.HybridRouter", "semantic_router.routers.semantic.SemanticRouter",
            "semantic_router.hybrid_layer.HybridRouteLayer", "semantic_router.HybridRouteLayer")
# An API encoder called on texts embeds them (``encoder(["text"])``); local ones are not listed.
_ROUTER_ENCODERS = tuple(f"semantic_router.encoders.{c}" for c in (
    "OpenAIEncoder", "AzureOpenAIEncoder", "CohereEncoder", "MistralEncoder", "GoogleEncoder", "BedrockEncoder",
    "VoyageEncoder", "JinaEncoder"))

PROVIDERS = [
    _provider(
        "llamaindex", "LlamaIndex",
        client_operations={
            **{name: _LI_LLM for name in _LI_LLMS},
            **{name: _LI_EMBED for name in _LI_EMBEDS},
            # in-process models (``local_models``): typed, so ``Settings`` holding one is told apart
            **{name: {} for name in LI_LOCAL_MODELS},
            **{name: _LI_INDEX for name in _LI_INDEXES},
            "llama_index.core.query_engine.BaseQueryEngine": _LI_ENGINE,
            **{name: _LI_ENGINE for name in _LI_ENGINES},
            **{name: _ops("retrieve", "aretrieve") for name in _LI_RETRIEVERS},
            **{name: _ops(embedding=("retrieve", "aretrieve")) for name in _LI_VECTOR_RETRIEVERS},
            **{name: _ops("run", "__call__") for name in _LI_TRANSFORMS},
            **{name: _ops("postprocess_nodes", "apostprocess_nodes") for name in _LI_RERANKERS},
            **{name: _LI_PIPELINE for name in _LI_PIPELINES},
            **{name: _ops("run") for name in _LI_WORKFLOW_AGENTS},
            **{name: _LI_ENGINE for name in _LI_LEGACY_AGENTS},
        },
        module_functions={
            # ``from_documents`` embeds every node and returns the index: a site that is also a factory
            **{f"{index}.from_documents": Operation(SYNC, embedding=True, returns=index, note=_LI_SETTINGS)
               if index in _LI_EMBEDDED else Operation(FACTORY, returns=index) for index in _LI_INDEXES},
            **{f"{index}.from_vector_store": Operation(FACTORY, returns=index) for index in _LI_INDEXES},
            # before 0.10 the package root and ``indices.loading`` held the loader too
            **{f"{root}.load_index_from_storage": Operation(FACTORY, returns=_LI_INDEXES[0])
               for root in ("llama_index.core", "llama_index", "llama_index.indices.loading")},
            **{f"{agent}.{ctor}": Operation(FACTORY, returns=agent) for agent in _LI_LEGACY_AGENTS + _LI_WORKFLOW_AGENTS
               for ctor in ("from_tools", "from_tools_or_functions")},
            **{f"{engine}.{ctor}": Operation(FACTORY, returns=engine) for engine in _LI_ENGINES
               for ctor in _LI_ENGINE_CTORS},
        },
        import_roots=("llama_index",),
        backends=LI_BACKENDS,
    ),
    _provider(
        "dspy", "DSPy",
        client_operations={f"dspy.{name}": _DSPY for name in (
            "Predict", "ChainOfThought", "ReAct", "ProgramOfThought", "MultiChainComparison", "LM", "Module")},
        import_roots=("dspy",),
    ),
    _provider(
        "semantic-router", "semantic-router",
        client_operations={**{name: _ROUTER for name in _ROUTERS},
                           **{name: _ops(embedding=("__call__", "acall")) for name in _ROUTER_ENCODERS}},
        import_roots=("semantic_router",),
    ),
    _provider(
        "portkey", "Portkey gateway",
        clients=("portkey_ai.Portkey", "portkey_ai.AsyncPortkey"),
        operations=_ops("chat.completions.create", "completions.create", embedding=("embeddings.create",)),
        import_roots=("portkey_ai",),
    ),
]
