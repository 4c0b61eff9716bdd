"""LangChain helpers that run a hosted model they were built over (round 18): an index creator
embeds the documents it loads with its embeddings model, the index it returns answers queries with
a RetrievalQA chain, a Whisper parser sends every audio blob to OpenAI (policy 7), and a generic
loader built over such a parser runs it on every blob it loads. Built over a model that runs in
the process, they send nothing."""
from __future__ import annotations

from support.scan import sites


def test_an_index_creator_embeds_what_it_loads_and_its_index_answers_queries(tmp_path):
    found = sites(tmp_path, """
        from langchain.indexes import VectorstoreIndexCreator
        from langchain.indexes.vectorstore import VectorStoreIndexWrapper
        from langchain_openai import ChatOpenAI, OpenAIEmbeddings
        from langchain_pinecone import PineconeVectorStore

        class Crawler:
            def __init__(self):
                self._embedding = OpenAIEmbeddings()
                self._index = VectorStoreIndexWrapper(vectorstore=PineconeVectorStore(embedding=self._embedding))

            async def load(self, loader):
                creator = VectorstoreIndexCreator(vectorstore_cls=PineconeVectorStore, embedding=self._embedding)
                await creator.afrom_loaders([loader])

            async def ask(self, text):
                return await self._index.aquery(text, llm=ChatOpenAI(model="gpt-4o"))

        def tutorial(loader, q):
            return VectorstoreIndexCreator().from_loaders([loader]).query(q)
    """)
    assert found == [(14, "langchain", "afrom_loaders"), (17, "langchain", "ainvoke"),
                     (20, "langchain", "from_loaders"), (20, "langchain", "query")]


def test_an_index_creator_over_a_local_model_embeds_nothing(tmp_path):
    found = sites(tmp_path, """
        from langchain.indexes import VectorstoreIndexCreator
        from langchain_huggingface import HuggingFaceEmbeddings

        def build(loader):
            return VectorstoreIndexCreator(embedding=HuggingFaceEmbeddings()).from_loaders([loader])

        class Creator:
            def from_loaders(self, loaders):
                return loaders

        def own(loader):
            return Creator().from_loaders([loader])
    """)
    assert found == []


def test_a_whisper_parser_and_a_loader_built_over_it_are_hosted_audio_sites(tmp_path):
    found = sites(tmp_path, """
        from langchain_community.document_loaders.generic import GenericLoader
        from langchain_community.document_loaders.parsers.audio import (
            OpenAIWhisperParser, OpenAIWhisperParserLocal)
        from langchain_core.documents.base import Blob

        whisper_parser = OpenAIWhisperParser()

        def transcribe(path):
            return whisper_parser.parse(Blob.from_path(path))

        def youtube(blobs):
            hosted = GenericLoader(blobs, OpenAIWhisperParser())
            local = GenericLoader(blobs, OpenAIWhisperParserLocal())
            files = GenericLoader.from_filesystem("audio/", glob="*.mp3", parser=OpenAIWhisperParser())
            return hosted.load(), local.load(), files.lazy_load(), OpenAIWhisperParserLocal().parse(blobs)
    """)
    assert found == [(10, "langchain", "parse"), (16, "langchain", "lazy_load"), (16, "langchain", "load")]


def test_an_image_parser_over_a_catalogued_chat_model_asks_it_per_image(tmp_path):
    found = sites(tmp_path, """
        from langchain_community.document_loaders.parsers import LLMImageBlobParser
        from langchain_community.llms import HuggingFacePipeline
        from langchain_openai import ChatOpenAI

        def describe(blob):
            hosted = LLMImageBlobParser(model=ChatOpenAI(model="gpt-4o"))
            local = LLMImageBlobParser(model=HuggingFacePipeline())
            return list(hosted.lazy_parse(blob)), list(local.lazy_parse(blob))
    """)
    assert found == [(9, "langchain", "lazy_parse")]


def test_an_index_query_asks_the_model_passed_as_llm_whatever_the_index_embeds_with(tmp_path):
    """``query(q, llm=...)`` runs a RetrievalQA chain over ``llm``: a local model sends nothing, a
    hosted one is asked even where the index was built over local embeddings (no typed index)."""
    found = sites(tmp_path, """
        from langchain.indexes import VectorstoreIndexCreator
        from langchain.indexes.vectorstore import VectorStoreIndexWrapper
        from langchain_community.llms import HuggingFacePipeline
        from langchain_community.vectorstores import FAISS
        from langchain_huggingface import HuggingFaceEmbeddings
        from langchain_openai import ChatOpenAI

        emb = HuggingFaceEmbeddings()
        local_llm = HuggingFacePipeline.from_model_id("gpt2", task="text-generation")

        def ask_local(q):
            index = VectorStoreIndexWrapper(vectorstore=FAISS.load_local("idx", emb))
            return index.query(q, llm=local_llm)

        def ask_hosted(loader, q):
            index = VectorstoreIndexCreator(embedding=emb).from_loaders([loader])
            return index.query_with_sources(q, llm=ChatOpenAI())
    """)
    assert found == [(18, "langchain", "invoke")]
