"""Model classes that run inside the process: no request leaves it, so none of their calls is a site.

They are typed all the same (a client with no operations, ``frameworks.py`` and ``langchain.py``), so
code asking which model a framework uses can tell a local model from one it cannot see: LlamaIndex's
``Settings.embed_model = HuggingFaceEmbedding(...)`` makes ``VectorStoreIndex.from_documents(docs)``
embed in the process, where an unset ``Settings`` means OpenAI's hosted default
(``project/li_settings.py``).

- LlamaIndex (developers.llamaindex.ai, "Local Embeddings with HuggingFace"): ``HuggingFaceEmbedding``
  (sentence-transformers), ``FastEmbedEmbedding`` (ONNX), ``OptimumEmbedding``, ``InstructorEmbedding``;
  the LLMs ``HuggingFaceLLM`` (transformers) and ``LlamaCPP``. The hosted Hugging Face classes
  (``HuggingFaceInferenceAPIEmbedding``, ``TextEmbeddingsInference``) are sites (``frameworks.py``).
- LangChain: ``HuggingFaceEmbeddings`` / ``SentenceTransformerEmbeddings`` / ``HuggingFaceBgeEmbeddings``
  (sentence-transformers) and ``FastEmbedEmbeddings``; ``HuggingFaceEndpointEmbeddings`` is hosted.

``MODEL_WRAPPERS`` hold the model they are given: LangChain's ``CacheBackedEmbeddings(underlying,
store)`` / ``.from_bytes_store(underlying, store)`` embeds what the cache misses with ``underlying``,
so the facts pass reads the call as its first argument (``facts.through.wrapped_callable``).
"""
from __future__ import annotations

from typing import FrozenSet, Tuple

LI_LOCAL_MODELS: Tuple[str, ...] = (
    *(f"llama_index.embeddings.{m}" for m in (
        "huggingface.HuggingFaceEmbedding", "fastembed.FastEmbedEmbedding", "huggingface_optimum.OptimumEmbedding",
        "instructor.InstructorEmbedding",
        "HuggingFaceEmbedding", "InstructorEmbedding")),  # before 0.10 (``from llama_index.embeddings import ...``)
    *(f"llama_index.llms.{m}" for m in ("huggingface.HuggingFaceLLM", "llama_cpp.LlamaCPP", "HuggingFaceLLM", "LlamaCPP")),
)
LC_LOCAL_EMBEDDINGS: Tuple[str, ...] = tuple(
    f"{module}.{name}"
    for module in ("langchain_community.embeddings", "langchain.embeddings", "langchain_huggingface",
                   "langchain_huggingface.embeddings")
    for name in ("HuggingFaceEmbeddings", "SentenceTransformerEmbeddings", "HuggingFaceBgeEmbeddings",
                 "FastEmbedEmbeddings")
    if not (module.startswith("langchain_huggingface") and name != "HuggingFaceEmbeddings")
)
LOCAL_MODELS: FrozenSet[str] = frozenset(LI_LOCAL_MODELS + LC_LOCAL_EMBEDDINGS)

MODEL_WRAPPERS: FrozenSet[str] = frozenset(
    f"{module}.CacheBackedEmbeddings{ctor}"
    for module in ("langchain.embeddings", "langchain.embeddings.cache", "langchain_classic.embeddings",
                   "langchain_classic.embeddings.cache")
    for ctor in ("", ".from_bytes_store")
)
