"""Where older LangChain vector-store constructors take their embeddings (langchain_community's
signatures): ``facts.through.store_embeddings`` reads the model a store is built over from them."""
from __future__ import annotations

from typing import Dict

# By position: ``Qdrant(client, collection_name, embeddings)``, ``Pinecone(index, embedding, text_key)``,
# ``FAISS(embedding_function, index, ...)``, ``Chroma(collection_name, embedding_function)``: class -> position.
STORE_CONSTRUCTOR_POSITIONS: Dict[str, int] = {
    "Qdrant": 2, "Pinecone": 1, "FAISS": 0, "Chroma": 1, "Redis": 2, "Weaviate": 3,
}
# As the embeddings' bound method (``Qdrant(client, name, emb.embed_query)``, ``Pinecone(index,
# emb.embed_query, "text")``): the store embeds with ``emb``.
STORE_EMBED_METHODS = frozenset(("embed_query", "embed_documents", "aembed_query", "aembed_documents"))
