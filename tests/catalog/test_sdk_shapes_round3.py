"""Round 2 holdout shapes (issue 15): SDK methods passed as callables, LangChain models called
directly, LlamaIndex engines, retrievers, rerankers and inserts."""
from __future__ import annotations

from support.scan import sites


def test_sdk_methods_passed_as_callables_are_sites_where_passed(tmp_path):
    """The method runs where a runner calls it: the site is the line that hands it over."""
    found = sites(tmp_path, """
        import asyncio, functools
        from concurrent.futures import ThreadPoolExecutor
        import openai
        from openai import OpenAI
        from asgiref.sync import sync_to_async

        client = OpenAI()
        pool = ThreadPoolExecutor()

        async def legacy(messages):
            return await asyncio.to_thread(openai.ChatCompletion.create, model="gpt-4", messages=messages)

        async def whisper(audio):
            return await sync_to_async(client.audio.translations.create)(model="whisper-1", file=audio)

        async def executor(loop, text):
            return await loop.run_in_executor(None, client.embeddings.create, text)

        def bound(loop):
            ask = functools.partial(client.chat.completions.create, model="gpt-4o")
            return ask(messages=[]), loop.run_in_executor(None, functools.partial(client.embeddings.create, input=1))

        def submitted(text):
            return pool.submit(client.embeddings.create, input=text, model="m").result()

        def not_an_sdk(items):
            return pool.submit(sorted, items), functools.partial(print, "x")
    """)
    assert [(line, provider) for line, provider, _ in found] == [
        (12, "openai"), (15, "openai"), (18, "openai"), (22, "openai"), (22, "openai"), (25, "openai")]


def test_langchain_models_called_directly_or_through_deprecated_predict(tmp_path):
    """``self.llm(prompt)`` and ``.predict`` on a chat model are requests; a project object that
    is called, or a local model's ``predict``, is not."""
    found = sites(tmp_path, """
        from langchain_openai import ChatOpenAI
        from sklearn.linear_model import LinearRegression

        class SummaryBot:
            def __init__(self, model_name):
                self.llm = ChatOpenAI(model_name=model_name)
                self.fit = LinearRegression()

            def summary(self, prompt):
                return self.llm(prompt).content

            def illness(self, prompt, messages):
                return self.llm.predict(prompt), self.llm.predict_messages(messages), self.fit.predict([[1]])
    """)
    assert found == [(11, "langchain", "__call__"), (14, "langchain", "predict"),
                     (14, "langchain", "predict_messages")]


def test_llamaindex_engines_fusion_hyde_rerankers_and_inserts(tmp_path):
    """What calls a model in LlamaIndex is a site (a vector retriever embeds the query with the
    index's model, by default OpenAI's); a local reranker is not."""
    found = sites(tmp_path, """
        from llama_index.core import Settings, VectorStoreIndex
        from llama_index.core.chat_engine import CondensePlusContextChatEngine
        from llama_index.core.retrievers import QueryFusionRetriever
        from llama_index.core.indices.query.query_transform import HyDEQueryTransform
        from llama_index.core.postprocessor import SentenceTransformerRerank
        from llama_index.postprocessor.cohere_rerank import CohereRerank

        class Rag:
            def __init__(self, store):
                self.index = VectorStoreIndex.from_vector_store(store)

            def engine(self, retriever) -> CondensePlusContextChatEngine:
                return CondensePlusContextChatEngine.from_defaults(retriever=retriever, llm=Settings.llm)

            def add(self, nodes):
                self.index.insert_nodes(nodes)

            def search(self, query, retrievers, nodes, bundle):
                fused = QueryFusionRetriever(retrievers=retrievers, llm=Settings.llm).retrieve(query)
                hyde = HyDEQueryTransform(llm=Settings.llm).run(query)
                hosted = CohereRerank(api_key="k", top_n=3).postprocess_nodes(nodes, bundle)
                local = SentenceTransformerRerank(top_n=3).postprocess_nodes(nodes, bundle)
                plain = self.index.as_retriever().retrieve(query)
                return fused, hyde, hosted, local, plain

        def answer(rag, retriever, question):
            return Rag(None).engine(retriever).chat(question)
    """)
    assert found == [(17, "llamaindex", "insert_nodes"), (20, "llamaindex", "retrieve"), (21, "llamaindex", "run"),
                     (22, "llamaindex", "postprocess_nodes"), (24, "llamaindex", "retrieve"), (28, "llamaindex", "chat")]
