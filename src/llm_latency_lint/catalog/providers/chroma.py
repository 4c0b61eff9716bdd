"""Chroma's own client (``chromadb``) over a hosted embedding function.

A collection made with ``embedding_function=ef`` embeds, client-side, every text it is given:
``collection.add(documents=...)`` / ``upsert`` / ``update`` embed the documents, ``query(query_texts=...)``
embeds the query (docs.trychroma.com, "Embedding Functions"). With a hosted ``ef`` each is a request
to that provider. The facts pass types the collection as ``ef.<COLLECTION_OF>()``
(``facts.through.collection_embeddings``), so only a collection over a catalogued hosted function has
operations: one over ``SentenceTransformerEmbeddingFunction``, Chroma's default ONNX model, or a
function the code does not show sends nothing, and a call passing precomputed vectors
(``embeddings=``, ``query_embeddings=``) embeds nothing, whatever documents it also stores
(``requires_input``, ``precomputed``).
"""
from __future__ import annotations

from typing import Dict, Tuple

from llm_latency_lint.catalog.providers.spec import FACTORY, SYNC, Operation, Provider

COLLECTION_OF = "__chroma_collection__"
# The client methods that make or open a collection, and the keyword naming its embedding function.
COLLECTION_GETTERS = frozenset(("create_collection", "get_collection", "get_or_create_collection"))
COLLECTION_KEYWORD = "embedding_function"

_MODULE = "chromadb.utils.embedding_functions"
# Hosted (or model-server) embedding functions -> the provider whose batch API a rewrite would use
# ("": none known); the Hugging Face one calls the hosted Inference API.
HOSTED_FUNCTIONS: Dict[str, str] = {
    "OpenAIEmbeddingFunction": "openai",
    "CohereEmbeddingFunction": "cohere",
    "GoogleGenerativeAiEmbeddingFunction": "google",
    "GooglePalmEmbeddingFunction": "google",
    "GoogleVertexEmbeddingFunction": "vertexai",
    "AmazonBedrockEmbeddingFunction": "bedrock",
    "MistralEmbeddingFunction": "mistral",
    "VoyageAIEmbeddingFunction": "",
    "JinaEmbeddingFunction": "",
    "OllamaEmbeddingFunction": "",
    "HuggingFaceEmbeddingFunction": "",
}

_ADD = "embeds every document with the collection's hosted embedding function"
_QUERY = "embeds the query texts with the collection's hosted embedding function"
_DOCS = ("documents", "images", "uris")
# Vectors passed with the input are stored as given: Chroma embeds only when none are
# (docs.trychroma.com, "Adding data": "Chroma will store the associated documents without embedding them").
COLLECTION_OPERATIONS = {
    **{name: Operation(SYNC, embedding=True, takes_model=False, requires_input=_DOCS,
                       precomputed=("embeddings",), note=_ADD)
       for name in ("add", "upsert", "update")},
    "query": Operation(SYNC, embedding=True, takes_model=False,
                       requires_input=("query_texts", "query_images", "query_uris"),
                       precomputed=("query_embeddings",), note=_QUERY),
}
# The keywords whose presence ``requires_input`` and ``precomputed`` read, recorded per call site.
INPUT_KEYWORDS: Tuple[str, ...] = tuple(sorted(
    {k for op in COLLECTION_OPERATIONS.values() for k in (*op.requires_input, *op.precomputed)}))


def collection(function: str) -> str:
    return f"chromadb.Collection[{function}]"


def _functions() -> Dict[str, Dict[str, Operation]]:
    found: Dict[str, Dict[str, Operation]] = {}
    for name in HOSTED_FUNCTIONS:
        qualified = f"{_MODULE}.{name}"
        found[qualified] = {COLLECTION_OF: Operation(
            FACTORY, returns=collection(qualified), note="not a call: a collection over this embedding function")}
        found[collection(qualified)] = COLLECTION_OPERATIONS
    return found


PROVIDERS = [
    Provider(
        id="chroma",
        label="Chroma (hosted embedding function)",
        batch_api="none (the embedding function sends online requests)",
        client_operations=_functions(),
        import_roots=("chromadb",),
        anchors=(r"\bembedding_function\b",),
        batch_supported=False,
        backends={kind(f"{_MODULE}.{name}"): backend for name, backend in HOSTED_FUNCTIONS.items()
                  for kind in (str, collection) if backend},
        no_batch_reason=(
            "Chroma embeds through its embedding function one online request per call: for scheduled "
            "indexing, embed with the provider's batch API and pass the vectors as embeddings="
        ),
    ),
]
