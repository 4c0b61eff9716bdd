"""Framework callback protocols (issue 15): the methods a framework calls back on a project subclass
of its embeddings, LLM, chat-model or tool base, and the base's public methods that run them.
Shared by ``providers/callables.py`` (hooks: the instance handed to a call) and ``queues.py``
(template methods: ``LocalLLM().invoke(p)``)."""
from __future__ import annotations

from typing import Dict, Tuple

# A project subclass of an embeddings, LLM or chat-model base, or of
# a tool base, is handed to a vector store, chain, agent or index (``FAISS.from_texts(chunks, emb)``,
# ``Chroma(embedding_function=emb)``, ``RetrievalQA.from_chain_type(llm=MyLLM())``); the framework
# then calls these methods back on it.
CALLBACKS: Dict[str, Tuple[str, ...]] = {
    "embeddings": ("embed_documents", "embed_query", "aembed_documents", "aembed_query"),
    "llm": ("_call", "_acall", "_generate", "_agenerate", "_stream", "_astream"),
    "li-llm": ("complete", "acomplete", "chat", "achat", "stream_complete", "stream_chat"),
    "li-embedding": ("_get_query_embedding", "_aget_query_embedding", "_get_text_embedding",
                     "_aget_text_embedding", "_get_text_embeddings", "_aget_text_embeddings"),
    "tool": ("_run", "_arun"),
}
CALLBACK_BASES: Dict[str, Tuple[str, ...]] = {
    "embeddings": ("langchain_core.embeddings.Embeddings", "langchain_core.embeddings.embeddings.Embeddings",
                   "langchain.embeddings.base.Embeddings", "langchain.schema.embeddings.Embeddings",
                   "langchain.embeddings.Embeddings"),
    "llm": ("langchain_core.language_models.LLM", "langchain_core.language_models.llms.LLM",
            "langchain_core.language_models.BaseLLM", "langchain_core.language_models.llms.BaseLLM",
            "langchain.llms.base.LLM", "langchain.llms.LLM", "langchain.llms.base.BaseLLM",
            "langchain_core.language_models.BaseChatModel", "langchain_core.language_models.chat_models.BaseChatModel",
            "langchain_core.language_models.SimpleChatModel", "langchain_core.language_models.chat_models.SimpleChatModel",
            "langchain.chat_models.base.BaseChatModel", "langchain.chat_models.base.SimpleChatModel"),
    "li-llm": ("llama_index.core.llms.CustomLLM", "llama_index.core.llms.custom.CustomLLM",
               "llama_index.core.llms.LLM", "llama_index.core.llms.llm.LLM", "llama_index.llms.CustomLLM"),
    "li-embedding": ("llama_index.core.embeddings.BaseEmbedding", "llama_index.core.base.embeddings.base.BaseEmbedding",
                     "llama_index.core.BaseEmbedding", "llama_index.embeddings.base.BaseEmbedding"),
    "tool": ("langchain_core.tools.BaseTool", "langchain.tools.BaseTool", "langchain_core.tools.base.BaseTool",
             "langchain.tools.base.BaseTool", "crewai.tools.BaseTool", "crewai.tools.base_tool.BaseTool",
             "crewai_tools.BaseTool", "crewai.tools.structured_tool.CrewStructuredTool"),
}

# A framework model or tool's public methods run the callbacks a project subclass defines
# (``MyLLM().invoke(p)`` runs its ``_call``).
CALLBACK_RUNNERS: Dict[str, Tuple[str, ...]] = {
    "llm": ("invoke", "ainvoke", "stream", "astream", "batch", "abatch", "predict", "apredict", "generate",
            "agenerate", "predict_messages", "call_as_llm", "__call__"),
    "li-llm": ("chat", "achat", "stream_chat", "predict", "apredict", "stream", "astream"),
    "li-embedding": ("get_query_embedding", "aget_query_embedding", "get_text_embedding", "aget_text_embedding",
                     "get_text_embedding_batch", "aget_text_embedding_batch", "get_agg_embedding_from_queries"),
    "tool": ("run", "arun", "invoke", "ainvoke"),
}
