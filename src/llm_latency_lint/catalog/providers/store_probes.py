"""Vector stores whose constructor embeds (issue 15): ``QdrantVectorStore(client, name, embedding=emb)``
validates the existing collection by embedding a probe text (``embed_documents(["dummy_text"])``)
to compare its size, and ``from_existing_collection`` builds one the same way (langchain-qdrant,
``QdrantVectorStore._validate_collection_config``, on by default in dense and hybrid modes). Other
stores' constructors only keep the model (Chroma, FAISS, PGVector, Pinecone): no request; their
``from_documents``/``from_texts`` embed every text (``langchain.EMBEDDED_THROUGH``)."""
from __future__ import annotations

from typing import Dict, Tuple

# qualified callable -> (keyword, position or -1, of the embeddings; the operation run on them;
# the keyword that, passed a literal False, turns the probe off)
_QDRANT = ("langchain_qdrant.QdrantVectorStore", "langchain_qdrant.qdrant.QdrantVectorStore")
EMBEDDED_AT_CONSTRUCTION: Dict[str, Tuple[str, int, str, str]] = {
    **{name: ("embedding", 2, "embed_documents", "validate_collection_config") for name in _QDRANT},
    **{f"{name}.from_existing_collection": ("embedding", 1, "embed_documents", "validate_collection_config")
       for name in _QDRANT},
}
