"""Runners that call a function they are handed (issue 15): an SDK method passed to one is a call
site where it is passed (``asyncio.to_thread(client.chat.completions.create, ...)``)."""
from __future__ import annotations

from typing import Dict, Tuple

# Functions (qualified names) whose callable argument runs, now or later, with the given arguments.
RUNNER_FUNCTIONS = frozenset({
    "asyncio.to_thread", "asgiref.sync.sync_to_async", "asgiref.sync.async_to_sync",
    "anyio.to_thread.run_sync", "starlette.concurrency.run_in_threadpool", "fastapi.concurrency.run_in_threadpool",
    "tenacity.retry", "backoff.on_exception", "threading.Thread", "multiprocessing.Process",
})
# Binders only store the callable: where the bound alias is called is the site (``ask = partial(
# client...create)`` then ``ask(...)``), unless a runner is handed the binder (``run_in_executor(
# None, partial(client...create, x))``), when the site is the reference.
BINDERS = frozenset({"functools.partial"})
# Methods of executors, loops and pools that run the callable they are handed.
RUNNER_METHODS = frozenset({"run_in_executor", "submit", "map", "apply_async", "starmap", "imap", "imap_unordered",
                            "run_sync", "start_soon", "call_soon", "spawn"})

# Callback protocols (issue 15): a project subclass of an embeddings, LLM or chat-model base, or of
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
             "langchain.tools.base.BaseTool", "crewai.tools.BaseTool", "crewai.tools.base_tool.BaseTool", "crewai_tools.BaseTool", "crewai.tools.structured_tool.CrewStructuredTool"),
}

# Framework bases that call a method of the instance they are handed back (a template method): a
# ``BaseRetriever`` subclass passed to a chat engine or a fusion retriever has its ``_retrieve``
# run by the framework, so the function that hands the instance over reaches that method.
_LI_RETRIEVE = ("_retrieve", "_aretrieve")
_LC_RETRIEVE = ("_get_relevant_documents", "_aget_relevant_documents")
FRAMEWORK_HOOKS: Dict[str, Tuple[str, ...]] = {
    "llama_index.core.retrievers.BaseRetriever": _LI_RETRIEVE,
    "llama_index.core.BaseRetriever": _LI_RETRIEVE,
    "llama_index.core.base.base_retriever.BaseRetriever": _LI_RETRIEVE,
    "llama_index.core.postprocessor.types.BaseNodePostprocessor": ("_postprocess_nodes",),
    "llama_index.core.query_engine.CustomQueryEngine": ("custom_query", "acustom_query"),
    "langchain_core.retrievers.BaseRetriever": _LC_RETRIEVE,
    "langchain.schema.BaseRetriever": _LC_RETRIEVE,
    "langchain.schema.retriever.BaseRetriever": _LC_RETRIEVE,
    **{base: CALLBACKS[kind] for kind, bases in CALLBACK_BASES.items() for base in bases},
}
HOOK_BASE_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in FRAMEWORK_HOOKS)
