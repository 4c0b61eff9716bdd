"""LangChain runnables composed around other runnables: they hold the model their parts hold.

``RunnableWithMessageHistory(rag_chain, get_history)``, ``RunnableParallel(answer=chain)``,
``RunnableBranch((cond, chain), default)``, ``RunnablePassthrough.assign(answer=chain)`` and the
LCEL constructors that take the model as an argument (``create_stuff_documents_chain(llm, prompt)``,
``create_tool_calling_agent(llm, tools, prompt)``) return a runnable whose ``invoke`` / ``stream`` /
``batch`` runs what they were built from (python.langchain.com API reference: langchain_core.runnables,
langchain.chains, langchain.agents). The facts pass types such a call as the ``|`` pipe of its
arguments (``facts.through.composed_parts``), so the result is a model only when an argument holds
one: a history wrapper over ``prompt | parser`` or over a function is no call site.

Factories that always build a model-backed chain whatever their arguments show (``load_summarize_chain``,
``create_retrieval_chain``) stay typed as a chain in ``langchain.py``, and so do LangMem's factories
(``MODEL_RUNNABLE_FACTORIES``): they take the model first, often as a ``"provider:model"`` string no pipe
can hold, and return a runnable whose ``invoke`` / ``ainvoke`` asks it.
"""
from __future__ import annotations

from typing import Tuple

_CORE = ("langchain_core.runnables", "langchain.schema.runnable")
_CLASSIC = ("langchain", "langchain_classic")

# Runnable classes (and class methods) that wrap or combine the runnables they are given.
_WRAPPERS = (
    *(f"{root}.{name}" for root in _CORE for name in (
        "RunnableWithMessageHistory", "history.RunnableWithMessageHistory",
        "RunnableParallel", "base.RunnableParallel", "RunnableMap", "base.RunnableMap",
        "RunnableBranch", "branch.RunnableBranch",
        "RunnablePassthrough.assign", "passthrough.RunnablePassthrough.assign",
        "RunnableAssign", "passthrough.RunnableAssign",
        "RunnablePick", "passthrough.RunnablePick",
        "RunnableWithFallbacks", "fallbacks.RunnableWithFallbacks",
        "RunnableBinding", "base.RunnableBinding", "RunnableRetry", "retry.RunnableRetry",
        "RunnableEach", "base.RunnableEach",
    )),
)

# LCEL constructors whose model is an argument (langchain.chains / langchain.agents, 0.1-0.3 and
# langchain_classic after 1.0).
_CHAIN_CONSTRUCTORS = (
    "chains.combine_documents.create_stuff_documents_chain",
    "chains.combine_documents.stuff.create_stuff_documents_chain",
    "chains.create_sql_query_chain",
    "chains.sql_database.query.create_sql_query_chain",
    "chains.openai_functions.create_structured_output_runnable",
    "chains.openai_functions.create_openai_fn_runnable",
    "chains.structured_output.create_structured_output_runnable",
    "chains.structured_output.create_openai_fn_runnable",
    "chains.create_extraction_chain",
    "chains.create_tagging_chain",
    *(f"agents.{name}" for name in (
        "create_tool_calling_agent", "create_openai_tools_agent", "create_openai_functions_agent",
        "create_react_agent", "create_structured_chat_agent", "create_json_chat_agent", "create_xml_agent",
        "create_self_ask_with_search_agent",
    )),
)

COMPOSERS: Tuple[str, ...] = (
    *_WRAPPERS,
    *(f"{root}.{name}" for root in _CLASSIC for name in _CHAIN_CONSTRUCTORS),
)

# LangMem (langmem 0.0.30, langchain-ai.github.io/langmem): each factory's first argument is the model
# (a chat model or an ``init_chat_model`` string) and it returns a ``Runnable`` (``MemoryStoreManager`` for
# the store manager) that asks that model on every ``invoke`` / ``ainvoke``: extracting memories,
# optimising prompts, summarising a thread, planning a memory search.
MODEL_RUNNABLE_FACTORIES: Tuple[str, ...] = tuple(f"langmem.{name}" for name in (
    "create_memory_manager", "create_memory_store_manager", "create_prompt_optimizer",
    "create_multi_prompt_optimizer", "create_thread_extractor", "create_memory_searcher",
))
