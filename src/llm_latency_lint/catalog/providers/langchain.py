"""LangChain chat models, LLMs, embeddings and LCEL chains (langchain-core 1.x and integrations).

Source: ../shared/reference/providers.md section 11. ``Runnable.batch`` / ``abatch`` /
``batch_as_completed`` run ``invoke`` in a thread pool or an asyncio gather: concurrent online
calls at full price. No integration calls a provider batch API, so LangChain itself has none;
the fix is to drop to the provider SDK for the scheduled path. Class names for the Google,
AWS, Mistral and community integrations follow their public docs (not installed here).
"""
from typing import Dict, Tuple

from llm_latency_lint.catalog.providers import lc_holders as held
from llm_latency_lint.catalog.providers.local_models import LC_LOCAL_EMBEDDINGS
from llm_latency_lint.catalog.providers.runnables import MODEL_RUNNABLE_FACTORIES
from llm_latency_lint.catalog.providers.spec import (
    FACTORY,
    STREAM,
    SYNC,
    Operation,
    Provider,
)

_FAN_OUT = "Runnable.batch is a concurrent fan-out of online invoke calls at full price, not a batch API"
_BASE_CHAT = "langchain_core.language_models.BaseChatModel"
_BASE_EMBEDDINGS = "langchain_core.embeddings.Embeddings"
_RUNNABLE = "langchain_core.runnables.base.Runnable"

RUNNABLE_OPERATIONS = {
    "invoke": Operation(SYNC),
    "ainvoke": Operation(SYNC),
    "stream": Operation(STREAM),
    "astream": Operation(STREAM),
    "astream_events": Operation(STREAM),
    "batch": Operation(SYNC, note=_FAN_OUT),
    "abatch": Operation(SYNC, note=_FAN_OUT),
    "batch_as_completed": Operation(SYNC, note=_FAN_OUT),
    "abatch_as_completed": Operation(SYNC, note=_FAN_OUT),
    "generate": Operation(SYNC),
    "agenerate": Operation(SYNC),
}

# Chat models and LLMs keep the pre-LCEL spellings (langchain<0.2, deprecated since): calling the
# model itself (``llm(prompt)``, ``__call__``), ``predict`` / ``predict_messages`` and
# ``call_as_llm`` each send one online request like ``invoke``.
MODEL_OPERATIONS = {
    **RUNNABLE_OPERATIONS,
    held.IMAGE_PARSER_OF: Operation(FACTORY, returns=held.IMAGE_PARSER, note="not a call: an image parser built over this model"),
    **{name: Operation(SYNC, note="deprecated LangChain spelling of invoke") for name in (
        "__call__", "predict", "apredict", "predict_messages", "apredict_messages", "call_as_llm")},
}

# Legacy chains (``LLMChain``, ``load_summarize_chain``, ``RetrievalQA`` ...) and agent executors:
# ``.run`` / ``.predict`` / ``.apply`` are the pre-LCEL spellings of ``invoke`` (langchain<1.0,
# ``langchain_classic`` after). ``chain({...})`` calls ``__call__``: the facts pass records a direct
# call of a parameter or a built local as ``<callee>.__call__``, kept where the graph types it a chain.
CHAIN_OPERATIONS = {
    **RUNNABLE_OPERATIONS,
    "run": Operation(SYNC),
    "arun": Operation(SYNC),
    "predict": Operation(SYNC),
    "apredict": Operation(SYNC),
    "apply": Operation(SYNC, note="LLMChain.apply runs one online call per input"),
    "aapply": Operation(SYNC, note="LLMChain.apply runs one online call per input"),
    "predict_and_parse": Operation(SYNC),
    "__call__": Operation(SYNC),
    "acall": Operation(SYNC),
}
_LEGACY_CHAIN = "langchain.chains.base.Chain"
_AGENT_GRAPH = "langgraph.graph.state.CompiledStateGraph"
_CHAIN_MODULES = ("langchain.chains", "langchain_classic.chains")
_CHAIN_CLASSES = (
    "LLMChain", "ConversationChain", "RetrievalQA", "RetrievalQAWithSourcesChain", "ConversationalRetrievalChain",
    "MapReduceDocumentsChain", "StuffDocumentsChain", "RefineDocumentsChain", "SequentialChain",
    "SimpleSequentialChain", "LLMMathChain", "APIChain", "SQLDatabaseChain",
)
LEGACY_CHAINS = (
    _LEGACY_CHAIN,
    *(f"{module}.{name}" for module in _CHAIN_MODULES for name in _CHAIN_CLASSES),
    "langchain.chains.llm.LLMChain",
    "langchain.chains.conversation.base.ConversationChain",
    "langchain.chains.summarize.MapReduceDocumentsChain",
    "langchain.agents.AgentExecutor",
    "langchain.agents.agent.AgentExecutor",
    "langchain_classic.agents.AgentExecutor",
    _AGENT_GRAPH,
)
# Functions and class methods that build a chain or an agent.
_CHAIN_FACTORIES = (
    *(f"{module}.{fn}" for module in _CHAIN_MODULES for fn in (
        "load_summarize_chain", "load_qa_chain", "load_qa_with_sources_chain",
        "summarize.load_summarize_chain", "question_answering.load_qa_chain",
        "create_retrieval_chain", "create_history_aware_retriever",
        *(f"{cls}.{ctor}" for cls in ("RetrievalQA", "RetrievalQAWithSourcesChain", "ConversationalRetrievalChain",
                                       "LLMChain", "LLMMathChain", "SQLDatabaseChain", "APIChain")
          for ctor in ("from_llm", "from_chain_type")),
    )),
    "langchain.agents.initialize_agent",
    "langchain.agents.AgentExecutor.from_agent_and_tools",
    "langchain_community.utilities.sql_database.SQLDatabaseChain.from_llm",
    "langchain_experimental.sql.SQLDatabaseChain.from_llm",
)
# LangChain 1.x ``create_agent`` and LangGraph's prebuilt agents return a compiled graph whose
# ``invoke`` runs the model in a loop.
_AGENT_FACTORIES = (
    "langchain.agents.create_agent",
    "langchain.agents.factory.create_agent",
    "langgraph.prebuilt.create_react_agent",
    "langgraph.prebuilt.chat_agent_executor.create_react_agent",
)

EMBEDDING_OPERATIONS = {
    "embed_documents": Operation(SYNC, embedding=True, note="chunks inputs but every chunk is an online call"),
    "aembed_documents": Operation(SYNC, embedding=True, note="chunks inputs but every chunk is an online call"),
    "embed_query": Operation(SYNC, embedding=True),
    "aembed_query": Operation(SYNC, embedding=True),
}

# Calls that embed through an argument: a vector store built from texts sends every chunk to the
# embeddings model it is given (``FAISS.from_documents(docs, embedding=OpenAIEmbeddings())``). The
# facts pass records the call as ``<argument>.<operation>``, so it is a site only when that argument
# is a hosted embeddings model (a local ``HuggingFaceEmbeddings`` is no request). method ->
# (keyword, position or -1, operation on the argument); LlamaIndex's ``embed_model=`` too.
EMBEDDED_THROUGH = {
    **{method: (("embedding", 1, "embed_documents"), ("embed_model", -1, "get_text_embedding_batch"))
       for method in ("from_documents", "from_texts", "afrom_documents", "afrom_texts")},
    **held.INDEX_QUERY_THROUGH,  # ``index.query(q, llm=model)`` asks ``model``
}

# Integration packages beyond the big providers' (docs: python.langchain.com/docs/integrations/chat/ and
# /text_embedding/): each class sends the request to the provider its name says.
_COMMUNITY_CHAT = ("ChatTongyi", "ChatZhipuAI", "QianfanChatEndpoint", "ChatSparkLLM", "MiniMaxChat", "ChatBaichuan",
                   "ChatHunyuan", "MoonshotChat", "ChatPerplexity", "ChatDeepInfra", "ChatFireworks", "ChatYandexGPT",
                   "GigaChat", "ChatHuggingFace", "ChatDatabricks", "ChatSnowflakeCortex", "ChatMistralAI",
                   "ChatCoze", "ChatYuan2", "ChatPremAI", "ChatOCIGenAI", "ChatEdenAI")
_COMMUNITY_LLMS = ("Tongyi", "QianfanLLMEndpoint", "HuggingFaceEndpoint", "HuggingFaceHub", "Replicate", "Together",
                   "Cohere", "Anthropic", "AzureOpenAI", "Fireworks", "DeepInfra", "Moonshot", "SparkLLM")
MORE_CHAT_MODELS = (
    *(f"langchain_community.chat_models.{c}" for c in _COMMUNITY_CHAT),
    *(f"langchain_community.llms.{c}" for c in _COMMUNITY_LLMS),
    "langchain_perplexity.ChatPerplexity", "langchain_cerebras.ChatCerebras", "langchain_sambanova.ChatSambaNovaCloud",
    "langchain_ibm.ChatWatsonx", "langchain_ibm.WatsonxLLM", "databricks_langchain.ChatDatabricks",
    "langchain_upstage.ChatUpstage", "langchain_gigachat.GigaChat", "langchain_qwq.ChatQwen", "langchain_qwq.ChatQwQ",
    "langchain_google_vertexai.model_garden.ChatAnthropicVertex", "langchain_huggingface.HuggingFaceEndpoint",
    "langchain_fireworks.Fireworks", "langchain_together.Together", "langchain_mistralai.chat_models.ChatMistralAI",
    "langchain_openai.llms.OpenAI",
)
_COMMUNITY_EMBEDDINGS = ("JinaEmbeddings", "DashScopeEmbeddings", "ZhipuAIEmbeddings", "QianfanEmbeddingsEndpoint",
                         "VoyageEmbeddings", "CohereEmbeddings", "AzureOpenAIEmbeddings", "HuggingFaceHubEmbeddings",
                         "HuggingFaceInferenceAPIEmbeddings", "MistralAIEmbeddings", "GooglePalmEmbeddings",
                         "HunyuanEmbeddings", "BaichuanTextEmbeddings", "SparkLLMTextEmbeddings",
                         "DeepInfraEmbeddings", "FireworksEmbeddings", "NVIDIAEmbeddings")
MORE_EMBEDDINGS = (
    *(f"langchain_community.embeddings.{c}" for c in _COMMUNITY_EMBEDDINGS),
    "langchain_voyageai.VoyageAIEmbeddings", "langchain_nvidia_ai_endpoints.NVIDIAEmbeddings",
    "langchain_fireworks.FireworksEmbeddings", "langchain_together.TogetherEmbeddings", "langchain_ibm.WatsonxEmbeddings",
    "langchain_ollama.embeddings.OllamaEmbeddings", "langchain_google_vertexai.embeddings.VertexAIEmbeddings",
    "langchain_upstage.UpstageEmbeddings", "langchain_jina.JinaEmbeddings",
)
_MORE_ROOTS = ("langchain_deepseek", "langchain_xai", "langchain_fireworks", "langchain_huggingface",
               "langchain_nvidia_ai_endpoints", "langchain_perplexity", "langchain_cerebras", "langchain_sambanova",
               "langchain_ibm", "databricks_langchain", "langchain_upstage", "langchain_gigachat", "langchain_qwq",
               "langchain_voyageai", "langchain_jina")

CHAT_MODELS = (
    "langchain_openai.ChatOpenAI",
    "langchain_openai.AzureChatOpenAI",
    "langchain_openai.chat_models.ChatOpenAI",
    "langchain_openai.chat_models.AzureChatOpenAI",
    "langchain_openai.OpenAI",
    "langchain_openai.AzureOpenAI",
    "langchain_anthropic.ChatAnthropic",
    "langchain_anthropic.chat_models.ChatAnthropic",
    "langchain_google_genai.ChatGoogleGenerativeAI",
    "langchain_google_genai.GoogleGenerativeAI",
    "langchain_google_vertexai.ChatVertexAI",
    "langchain_google_vertexai.VertexAI",
    "langchain_aws.ChatBedrock",
    "langchain_aws.ChatBedrockConverse",
    "langchain_aws.BedrockLLM",
    "langchain_mistralai.ChatMistralAI",
    "langchain_groq.ChatGroq",
    "langchain_together.ChatTogether",
    "langchain_cohere.ChatCohere",
    "langchain_community.chat_models.ChatOpenAI",
    "langchain_community.chat_models.AzureChatOpenAI",
    "langchain_community.chat_models.ChatAnthropic",
    "langchain_community.chat_models.ChatVertexAI",
    "langchain_community.chat_models.BedrockChat",
    "langchain_community.chat_models.ChatCohere",
    "langchain_community.chat_models.ChatLiteLLM",
    "langchain_community.llms.OpenAI",
    "langchain_community.llms.Bedrock",
    "langchain_community.llms.VertexAI",
    "langchain.chat_models.ChatOpenAI",  # langchain<0.1 re-exports
    "langchain.chat_models.ChatAnthropic",
    "langchain.llms.OpenAI",
    "langchain_litellm.ChatLiteLLM",
    "langchain_litellm.ChatLiteLLMRouter",
    "langchain_community.chat_models.ChatLiteLLMRouter",
    "langchain_ollama.ChatOllama",
    "langchain_ollama.OllamaLLM",
    "langchain_community.chat_models.ChatOllama",
    "langchain_community.llms.Ollama",
    "langchain.llms.Ollama",
    "langchain_deepseek.ChatDeepSeek",
    "langchain_xai.ChatXAI",
    "langchain_fireworks.ChatFireworks",
    "langchain_huggingface.ChatHuggingFace",
    "langchain_nvidia_ai_endpoints.ChatNVIDIA",
    # more integration packages (python.langchain.com/docs/integrations/chat/)
    *MORE_CHAT_MODELS,
    # annotations and init_chat_model's result
    _BASE_CHAT,
    "langchain_core.language_models.chat_models.BaseChatModel",
    "langchain_core.language_models.BaseLanguageModel",
    "langchain_core.language_models.BaseLLM",
    # ``prompt | llm | parser``: the graph types a pipe that holds a model as a Runnable
    "langchain_core.runnables.Runnable",
    _RUNNABLE,
    # ``RunnableSequence(prompt | llm)`` / ``RunnableSequence(first=..., last=llm)``: a pipe built
    # by name (``langchain.schema.runnable`` is the pre-0.1 spelling)
    *(f"{module}.RunnableSequence" for module in (
        "langchain_core.runnables", "langchain_core.runnables.base", "langchain.schema.runnable",
        "langchain.schema.runnable.base",
    )),
)

EMBEDDINGS = (
    "langchain_openai.OpenAIEmbeddings",
    "langchain_openai.AzureOpenAIEmbeddings",
    "langchain_google_genai.GoogleGenerativeAIEmbeddings",
    "langchain_google_vertexai.VertexAIEmbeddings",
    "langchain_aws.BedrockEmbeddings",
    "langchain_mistralai.MistralAIEmbeddings",
    "langchain_cohere.CohereEmbeddings",
    "langchain_community.embeddings.OpenAIEmbeddings",
    "langchain_community.embeddings.BedrockEmbeddings",
    "langchain_community.embeddings.VertexAIEmbeddings",
    "langchain.embeddings.OpenAIEmbeddings",
    "langchain_ollama.OllamaEmbeddings",
    "langchain_community.embeddings.OllamaEmbeddings",
    "langchain_huggingface.HuggingFaceEndpointEmbeddings",
    *MORE_EMBEDDINGS,
    _BASE_EMBEDDINGS,
)

# The provider each model class calls: its batch API is what a scheduled LangChain call can move
# to (through that provider's SDK). ``langchain_openai`` classes follow ``base_url`` to any
# OpenAI-compatible server; like ``openai.OpenAI`` they are taken to be OpenAI's.
BACKENDS = {
    **dict.fromkeys((
        "langchain_openai.ChatOpenAI", "langchain_openai.chat_models.ChatOpenAI", "langchain_openai.OpenAI",
        "langchain_openai.AzureChatOpenAI", "langchain_openai.chat_models.AzureChatOpenAI",
        "langchain_openai.AzureOpenAI", "langchain_community.chat_models.ChatOpenAI",
        "langchain_community.chat_models.AzureChatOpenAI", "langchain_community.llms.OpenAI",
        "langchain.chat_models.ChatOpenAI", "langchain.llms.OpenAI", "langchain_openai.OpenAIEmbeddings",
        "langchain_openai.AzureOpenAIEmbeddings", "langchain_community.embeddings.OpenAIEmbeddings",
        "langchain.embeddings.OpenAIEmbeddings",
    ), "openai"),
    **dict.fromkeys((
        "langchain_anthropic.ChatAnthropic", "langchain_anthropic.chat_models.ChatAnthropic",
        "langchain_community.chat_models.ChatAnthropic", "langchain.chat_models.ChatAnthropic",
    ), "anthropic"),
    **dict.fromkeys((
        "langchain_google_genai.ChatGoogleGenerativeAI", "langchain_google_genai.GoogleGenerativeAI",
        "langchain_google_genai.GoogleGenerativeAIEmbeddings",
    ), "google"),
    **dict.fromkeys((
        "langchain_google_vertexai.ChatVertexAI", "langchain_google_vertexai.VertexAI",
        "langchain_google_vertexai.VertexAIEmbeddings", "langchain_community.chat_models.ChatVertexAI",
        "langchain_community.llms.VertexAI", "langchain_community.embeddings.VertexAIEmbeddings",
    ), "vertexai"),
    **dict.fromkeys((
        "langchain_aws.ChatBedrock", "langchain_aws.ChatBedrockConverse", "langchain_aws.BedrockLLM",
        "langchain_aws.BedrockEmbeddings", "langchain_community.chat_models.BedrockChat",
        "langchain_community.llms.Bedrock", "langchain_community.embeddings.BedrockEmbeddings",
    ), "bedrock"),
    **dict.fromkeys(("langchain_mistralai.ChatMistralAI", "langchain_mistralai.MistralAIEmbeddings"), "mistral"),
    "langchain_groq.ChatGroq": "groq",
    **dict.fromkeys(("langchain_litellm.ChatLiteLLM", "langchain_litellm.ChatLiteLLMRouter",
                     "langchain_community.chat_models.ChatLiteLLMRouter",
                     "langchain_community.chat_models.ChatLiteLLM"), "litellm"),
    "langchain_together.ChatTogether": "together",
    "langchain_community.chat_models.ChatMistralAI": "mistral",
    "langchain_mistralai.chat_models.ChatMistralAI": "mistral",
    "langchain_openai.llms.OpenAI": "openai",
    "langchain_community.embeddings.AzureOpenAIEmbeddings": "openai",
    "langchain_community.embeddings.MistralAIEmbeddings": "mistral",
}

# A vector store built over an embeddings model (``FAISS.from_documents(docs, embedding=emb)``,
# ``Chroma(embedding_function=emb)``, ``FAISS.load_local(path, emb)``) embeds every query and every
# added text with it. The facts pass types such a store as ``emb.<STORE_OF>()`` (``facts.through``),
# so only a store over a hosted model (one of ``EMBEDDINGS``) has operations; one over a local
# model (``HuggingFaceEmbeddings``) or over a model the code does not show has none: LangChain has
# no default embeddings model. store class -> keyword, and position or -1, of the embeddings.
STORE_OF = "__vector_store__"
STORE_BUILDERS: Dict[str, Tuple[Tuple[str, int], ...]] = {
    **{method: (("embedding", 1),) for method in ("from_documents", "from_texts", "afrom_documents", "afrom_texts")},
    "load_local": (("embeddings", 1),),
    "from_existing_index": (("embedding", 1),),
    "from_existing_collection": (("embedding", -1),),
}
STORE_CONSTRUCTOR_KEYWORDS = ("embedding_function", "embedding", "embeddings")
# Packages whose classes are vector stores (python.langchain.com/docs/integrations/vectorstores/).
STORE_PACKAGES = ("langchain_community.vectorstores", "langchain.vectorstores", "langchain_core.vectorstores",
                  "langchain_chroma", "langchain_postgres", "langchain_pinecone", "langchain_qdrant",
                  "langchain_milvus", "langchain_weaviate", "langchain_mongodb", "langchain_elasticsearch",
                  "langchain_redis", "langchain_astradb", "langchain_neo4j")
_QUERY = "embeds the query with the store's embeddings model: one online request per query"
_ADD = "embeds every added text with the store's embeddings model"
_BUILT_OVER = "not a call: a vector store built over this model (facts.through.store_embeddings)"
STORE_OPERATIONS = {
    **{name: Operation(SYNC, embedding=True, note=_QUERY) for name in (
        "similarity_search", "asimilarity_search", "similarity_search_with_score", "asimilarity_search_with_score",
        "similarity_search_with_relevance_scores", "asimilarity_search_with_relevance_scores",
        "max_marginal_relevance_search", "amax_marginal_relevance_search", "search", "asearch")},
    **{name: Operation(SYNC, embedding=True, note=_ADD) for name in (
        "add_texts", "aadd_texts", "add_documents", "aadd_documents")},
}
RETRIEVER_OPERATIONS = {name: Operation(SYNC, embedding=True, note=_QUERY) for name in (
    "invoke", "ainvoke", "get_relevant_documents", "aget_relevant_documents", "batch", "abatch")}

def _store(embeddings: str) -> str:
    return f"langchain_core.vectorstores.VectorStore[{embeddings}]"


def _retriever(embeddings: str) -> str:
    return f"langchain_core.vectorstores.VectorStoreRetriever[{embeddings}]"


def _stores() -> Dict[str, Dict[str, Operation]]:
    """Per hosted embeddings model: the store over it, and that store's retriever."""
    found: Dict[str, Dict[str, Operation]] = {}
    for name in EMBEDDINGS:
        found[name] = {**EMBEDDING_OPERATIONS, STORE_OF: Operation(FACTORY, returns=_store(name), note=_BUILT_OVER)}
        found[_store(name)] = {**STORE_OPERATIONS, "as_retriever": Operation(FACTORY, returns=_retriever(name))}
        found[_retriever(name)] = RETRIEVER_OPERATIONS
        for marker, kind, operations in held.OVER_EMBEDDINGS:  # index creators, semantic chunkers
            found[name][marker] = Operation(FACTORY, returns=kind(name), note=_BUILT_OVER)
            found[kind(name)] = operations
    return found


STORE_BACKENDS = {kind(name): backend for name, backend in BACKENDS.items() if name in EMBEDDINGS
                  for kind in (_store, _retriever, held.index_creator, held.chunker)}
PARSER_BACKENDS = {kind(name): "openai" for name in held.WHISPER_PARSERS for kind in (str, held.loader)}

PROVIDERS = [
    Provider(
        id="langchain",
        label="LangChain",
        batch_api="none (Runnable.batch is online fan-out)",
        clients=CHAT_MODELS,
        operations=MODEL_OPERATIONS,
        client_operations={
            **_stores(),
            **{name: CHAIN_OPERATIONS for name in LEGACY_CHAINS},
            **{name: held.INDEX_QUERY_OPERATIONS for name in held.INDEX_WRAPPERS},
            **held.parsers(),
            **{name: {} for name in LC_LOCAL_EMBEDDINGS},  # in-process: typed, no operation
        },
        module_functions={
            **{name: Operation(FACTORY, returns=_LEGACY_CHAIN) for name in _CHAIN_FACTORIES},
            **{name: Operation(FACTORY, returns=_AGENT_GRAPH) for name in _AGENT_FACTORIES},
            "langchain.chat_models.init_chat_model": Operation(FACTORY, returns=_BASE_CHAT),
            "langchain.chat_models.base.init_chat_model": Operation(FACTORY, returns=_BASE_CHAT),
            "langchain.embeddings.init_embeddings": Operation(FACTORY, returns=_BASE_EMBEDDINGS),
            "langchain.embeddings.base.init_embeddings": Operation(FACTORY, returns=_BASE_EMBEDDINGS),
            **{name: Operation(FACTORY, returns=_RUNNABLE) for name in MODEL_RUNNABLE_FACTORIES},
        },
        import_roots=(
            "langchain",
            "langchain_core",
            "langchain_openai",
            "langchain_anthropic",
            "langchain_google_genai",
            "langchain_google_vertexai",
            "langchain_aws",
            "langchain_mistralai",
            "langchain_groq",
            "langchain_together",
            "langchain_cohere",
            "langchain_community",
            "langchain_classic",
            "langchain_litellm",
            "langchain_ollama",
            "langgraph",
            "langmem",
            *_MORE_ROOTS,
        ),
        batch_supported=False,
        backends={**BACKENDS, **STORE_BACKENDS, **PARSER_BACKENDS},
        no_batch_reason=(
            "LangChain has no batch API: .batch()/.abatch() send concurrent online requests at full "
            "price. For scheduled work call the provider SDK's batch API directly (OpenAI "
            "client.batches, Anthropic messages.batches, Gemini client.batches, Bedrock "
            "create_model_invocation_job) and map results back by custom id"
        ),
    ),
]
