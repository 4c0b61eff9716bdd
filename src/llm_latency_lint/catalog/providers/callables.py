"""Runners that call a function they are handed (issue 15): an SDK method passed to one is a call
site where it is passed (``asyncio.to_thread(client.chat.completions.create, ...)``)."""
from __future__ import annotations

from typing import Dict, Tuple

from llm_latency_lint.catalog.callbacks import CALLBACK_BASES, CALLBACKS

# Functions (qualified names) whose callable argument runs, now or later, with the given arguments.
RUNNER_FUNCTIONS = frozenset({
    "asyncio.to_thread", "asgiref.sync.sync_to_async", "asgiref.sync.async_to_sync",
    "anyio.to_thread.run_sync", "starlette.concurrency.run_in_threadpool", "fastapi.concurrency.run_in_threadpool",
    "tenacity.retry", "backoff.on_exception", "threading.Thread", "multiprocessing.Process",
    # a decorator or retrier built first, then handed the callable: ``retry(stop=...)(fn)``,
    # ``Retrying(stop=...)(fn, *args)``, ``backoff.on_exception(...)(fn)``
    "tenacity.Retrying", "tenacity.AsyncRetrying", "backoff.on_predicate",
})
# Binders only store the callable: where the bound alias is called is the site (``ask = partial(
# client...create)`` then ``ask(...)``), unless a runner is handed the binder (``run_in_executor(
# None, partial(client...create, x))``), when the site is the reference.
BINDERS = frozenset({"functools.partial"})
# Methods of executors, loops and pools that run the callable they are handed.
RUNNER_METHODS = frozenset({"run_in_executor", "submit", "map", "apply_async", "starmap", "imap", "imap_unordered",
                            "run_sync", "start_soon", "call_soon", "spawn"})

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
