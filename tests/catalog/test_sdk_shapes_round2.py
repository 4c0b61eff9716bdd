"""SDK shapes of the second labelling round: agent runners, vector stores, pipelines, pipes by name."""
from __future__ import annotations

import pytest
from support.scan import sites

from llm_latency_lint.catalog import providers


@pytest.mark.parametrize("client, method", [
    ("google.adk.runners.Runner", "run"),
    ("google.adk.runners.InMemoryRunner", "run_async"),
    ("google.adk.Runner", "run_live"),
])
def test_adk_runners_are_agent_runs(client, method):
    match = providers.match_client_call(client, (method,))
    assert match is not None and match.provider.id == "google-adk"
    assert not match.provider.batch_supported and not match.op.batchable


def test_adk_runner_built_in_a_function(tmp_path):
    assert sites(tmp_path, """
        from google.adk.runners import Runner
        from google.adk.sessions import InMemorySessionService

        async def call_agent(agent, query):
            runner = Runner(agent=agent, app_name="a", session_service=InMemorySessionService())
            for event in runner.run(user_id="u", session_id="s", new_message=query):
                return event
    """) == [(7, "google-adk", "run")]


def test_vector_stores_embed_through_a_hosted_embeddings_argument(tmp_path):
    """The store's build is a site when its embeddings model is hosted, not when it runs locally."""
    assert sites(tmp_path, """
        from langchain_community.vectorstores import FAISS, Chroma
        from langchain_openai import OpenAIEmbeddings
        from langchain_huggingface import HuggingFaceEmbeddings

        def hosted(docs):
            embeddings = OpenAIEmbeddings()
            return FAISS.from_documents(documents=docs, embedding=embeddings)

        def hosted_positional(texts):
            return Chroma.from_texts(texts, OpenAIEmbeddings())

        def local(docs):
            return FAISS.from_documents(docs, HuggingFaceEmbeddings(model_name="all-MiniLM-L6-v2"))

        def default(docs):
            return Chroma.from_documents(docs)
    """) == [(8, "langchain", "embed_documents"), (11, "langchain", "embed_documents")]


def test_llamaindex_ingestion_pipeline_and_runnable_sequence(tmp_path):
    found = sites(tmp_path, """
        from llama_index.core.ingestion import IngestionPipeline
        from llama_index.embeddings.openai import OpenAIEmbedding
        from langchain.schema.runnable import RunnableSequence
        from langchain_openai import ChatOpenAI

        class Store:
            def __init__(self, prompt):
                self.pipeline = IngestionPipeline(transformations=[OpenAIEmbedding()])
                self.chain = RunnableSequence(prompt | ChatOpenAI())

            def insert(self, documents):
                return self.pipeline.run(documents=documents)

            async def answer(self, text):
                return await self.chain.ainvoke({"input": text})
    """)
    assert found == [(13, "llamaindex", "run"), (16, "langchain", "ainvoke")]
    assert providers.match_client_call("llama_index.core.ingestion.IngestionPipeline", ("run",)).op.embedding
