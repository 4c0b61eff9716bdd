"""Vector-store queries (issue 15): a LangChain store built over a hosted embeddings model embeds
every query and every added text with it; over a local model, or one the code does not show, it
sends nothing this tool can vouch for (LangChain has no default embeddings model)."""
from __future__ import annotations

from support.scan import sites


def test_queries_on_an_injected_store_built_over_hosted_embeddings_are_sites(tmp_path):
    """The store is built by ``from_documents`` in one function, typed ``VectorStore`` and
    injected into another object's constructor, and queried there."""
    found = sites(tmp_path, """
        from langchain_community.vectorstores import FAISS, VectorStore
        from langchain_openai import OpenAIEmbeddings

        class Retrieval:
            def __init__(self, vector_store: VectorStore) -> None:
                self.__vector_store = vector_store

            def retrieve(self, q):
                return self.__vector_store.similarity_search_with_score(q, k=3)

        def build(docs) -> VectorStore:
            return FAISS.from_documents(documents=docs, embedding=OpenAIEmbeddings())

        def job(docs):
            return Retrieval(build(docs)).retrieve("x")
    """)
    assert found == [(10, "langchain", "similarity_search_with_score"), (13, "langchain", "embed_documents")]


def test_constructed_stores_their_additions_and_retrievers_are_sites(tmp_path):
    found = sites(tmp_path, """
        from langchain_chroma import Chroma
        from langchain_community.vectorstores.faiss import FAISS
        from langchain_openai import OpenAIEmbeddings

        def chroma(q, emb: OpenAIEmbeddings):
            db = Chroma(collection_name="c", embedding_function=emb)
            db.add_documents([])
            return db.as_retriever(search_kwargs={"k": 2}).invoke(q)

        def loaded(q):
            return FAISS.load_local("index", OpenAIEmbeddings()).max_marginal_relevance_search(q)
    """)
    assert found == [(8, "langchain", "add_documents"), (9, "langchain", "invoke"),
                     (12, "langchain", "max_marginal_relevance_search")]


def test_stores_over_local_or_unknown_embeddings_are_no_sites(tmp_path):
    found = sites(tmp_path, """
        from langchain_community.vectorstores import FAISS
        from langchain_huggingface import HuggingFaceEmbeddings
        from langchain_community.embeddings import FakeEmbeddings

        def local(docs, q):
            store = FAISS.from_documents(docs, HuggingFaceEmbeddings())
            return store.similarity_search(q), FAISS(embedding_function=FakeEmbeddings(size=3)).similarity_search(q)

        def unknown(q, emb):
            return FAISS.load_local("p", emb).similarity_search(q)

        class Store:
            def similarity_search(self, q):
                return q

        def own(q):
            return Store().similarity_search(q)
    """)
    assert found == []
