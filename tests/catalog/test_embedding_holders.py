"""Objects that embed through the hosted model they were built over (round 19): a semantic
chunker splits by embedding every sentence, a Chroma collection made with a hosted embedding
function embeds what it is given, older vector stores take the embeddings positionally or as a
bound ``embed_query``; a Replicate prediction is polled with ``reload()``; TextSynth's chat API is
raw HTTP. Look-alikes over a model that runs in the process, or given precomputed vectors, send
nothing and are no sites."""
from __future__ import annotations

from support.scan import project_classes, sites


def test_a_semantic_chunker_over_hosted_embeddings_embeds_what_it_splits(tmp_path):
    found = sites(tmp_path, """
        from langchain_experimental.text_splitter import SemanticChunker
        from langchain_huggingface import HuggingFaceEmbeddings
        from langchain_openai import OpenAIEmbeddings

        def split(content):
            splitter = SemanticChunker(OpenAIEmbeddings())
            return splitter.create_documents([content])

        def local(content):
            return SemanticChunker(HuggingFaceEmbeddings()).split_text(content)

        def unknown(embeddings, content):
            return SemanticChunker(embeddings).split_documents(content)
    """)
    assert found == [(8, "langchain", "create_documents")]


def test_a_store_given_its_embeddings_by_position_or_as_a_bound_method_embeds_queries(tmp_path):
    found = sites(tmp_path, """
        import qdrant_client
        from langchain_community.vectorstores import Pinecone, Qdrant
        from langchain_huggingface import HuggingFaceEmbeddings
        from langchain_openai import OpenAIEmbeddings

        class Search:
            def __init__(self, index):
                self.embeddings = OpenAIEmbeddings()
                self.store = Qdrant(qdrant_client.QdrantClient(), "docs", self.embeddings.embed_query)
                self.pine = Pinecone(index, self.embeddings, "text")

            def find(self, text):
                return self.store.similarity_search_with_score(text, k=3), self.pine.similarity_search(text)

        def local(text):
            return Qdrant(None, "docs", HuggingFaceEmbeddings().embed_query).similarity_search(text)
    """)
    assert found == [(14, "langchain", "similarity_search"), (14, "langchain", "similarity_search_with_score")]


def test_a_chroma_collection_over_a_hosted_embedding_function_embeds_documents_and_queries(tmp_path):
    classes = project_classes(tmp_path, {
        "core/store.py": """
            import os
            from chromadb import HttpClient
            from chromadb.utils.embedding_functions import (
                OpenAIEmbeddingFunction, SentenceTransformerEmbeddingFunction)

            chroma = HttpClient(host="localhost", port=8010)
            openai_ef = OpenAIEmbeddingFunction(model_name="text-embedding-3-small", api_key=os.getenv("K"))
            local_ef = SentenceTransformerEmbeddingFunction()
        """,
        "tasks.py": """
            from core.store import chroma, local_ef, openai_ef

            def index(doc_id, chunks):
                collection = chroma.create_collection(name=doc_id, embedding_function=openai_ef)
                collection.add(documents=chunks, ids=[str(i) for i in range(len(chunks))])

            def ask(doc_id, message):
                collection = chroma.get_collection(doc_id, embedding_function=openai_ef)
                return collection.query(query_texts=[message], n_results=3)

            def vectors(doc_id, vecs, q):
                collection = chroma.get_collection(doc_id, embedding_function=openai_ef)
                collection.add(embeddings=vecs, ids=["a"])
                return collection.query(query_embeddings=[q])

            def local(doc_id, chunks):
                collection = chroma.get_or_create_collection(doc_id, embedding_function=local_ef)
                collection.add(documents=chunks, ids=["a"])
                default = chroma.get_collection(doc_id)
                return default.query(query_texts=chunks)
        """,
    })
    assert sorted(classes) == [("tasks.py", 5), ("tasks.py", 9)]


def test_a_replicate_prediction_polled_with_reload_is_a_site(tmp_path):
    found = sites(tmp_path, """
        import time
        import replicate

        class Adapter:
            def __init__(self):
                self.client = replicate.Client(api_token="x")

            def complete(self, prompt):
                prediction = self.client.predictions.create(model="m", input={"prompt": prompt})
                while prediction.status not in ("succeeded", "failed"):
                    time.sleep(1)
                    prediction.reload()
                return prediction.output

        def other(thing):
            thing.reload()
    """)
    assert found == [(10, "replicate", "predictions.create"), (13, "replicate", "reload")]


def test_textsynth_chat_over_raw_http_is_a_site(tmp_path):
    found = sites(tmp_path, """
        import requests

        def ask(messages):
            url = "https://api.textsynth.com/v1/engines/mistral_7B_instruct/chat"
            return requests.post(url, json={"messages": messages}).json()

        def own(messages):
            return requests.post("https://example.com/v1/engines/x/chat", json={"messages": messages})
    """)
    assert found == [(6, "textsynth", "POST:api.textsynth.com/chat")]


def test_a_lighton_paradigm_remote_model_completion_is_a_site_and_tokenize_is_not(tmp_path):
    found = sites(tmp_path, """
        import os
        from paradigm_client.remote_model import RemoteModel

        def ask(prompt):
            model = RemoteModel(os.environ["PARADIGM_HOST"], model_name="llm-mini")
            count = len(model.tokenize(prompt).tokens)
            return model.create(prompt, n_tokens=200), count
    """)
    assert found == [(8, "lighton", "create")]


def test_a_chroma_call_given_precomputed_vectors_embeds_nothing_whatever_documents_it_stores(tmp_path):
    # Chroma embeds ``documents=`` only when no ``embeddings=`` come with them (it stores the
    # documents beside the vectors given): only the call without vectors is a request.
    found = sites(tmp_path, """
        import chromadb
        from chromadb.utils.embedding_functions import OpenAIEmbeddingFunction

        client = chromadb.PersistentClient(path="db")
        collection = client.get_or_create_collection("docs", embedding_function=OpenAIEmbeddingFunction())

        def index(chunks, vectors):
            collection.add(ids=["a"], embeddings=vectors, documents=chunks)
            collection.upsert(ids=["a"], documents=chunks, embeddings=vectors, metadatas=None)
            collection.update(ids=["a"], documents=chunks, embeddings=None)

        def ask(question, vector):
            return collection.query(query_embeddings=[vector], n_results=3)
    """)
    assert found == [(11, "chroma", "update")]
