"""Call sites the object itself is called at, or handed over as a callable (issue 15): a LangChain
chain called whole (``chain({...})``, ``Chain.__call__``) wherever the tool types it a chain, a
vector store whose constructor embeds a probe text, an SDK method handed to an executor."""
from __future__ import annotations

from support.scan import sites


def test_a_chain_parameter_called_whole_is_a_site_typed_by_its_callers(tmp_path):
    found = sites(tmp_path, """
        from langchain.chains import ConversationalRetrievalChain
        from langchain_openai import ChatOpenAI

        def build():
            chain = ConversationalRetrievalChain.from_llm(llm=ChatOpenAI(), retriever=None)
            return chain

        def ask(chain, question):
            return chain({"question": question, "chat_history": []})

        def echo(fn, text):
            return fn(text)

        if __name__ == "__main__":
            chain = build()
            ask(chain, "q")
            echo(print, "q")
            echo(len, "q")
    """)
    assert found == [(10, "langchain", "__call__")]


def test_a_chain_local_bound_in_each_branch_called_whole(tmp_path):
    found = sites(tmp_path, """
        from langchain.chains.summarize import load_summarize_chain
        from langchain_openai import OpenAI

        def summarize(docs, single):
            llm = OpenAI()
            if single:
                chain = load_summarize_chain(llm, chain_type="stuff")
                out = chain.run(docs)
            else:
                chain = load_summarize_chain(llm, chain_type="map_reduce")
                out = chain({"input_documents": docs}, return_only_outputs=True)
            return out

        def local_function(x):
            helper = make_helper()
            helper(x)
            step = dict
            step = list
            return step(x)

        def make_helper():
            return print
    """)
    assert found == [(9, "langchain", "run"), (12, "langchain", "__call__")]


def test_a_qdrant_store_constructor_embeds_a_probe_text(tmp_path):
    found = sites(tmp_path, """
        from langchain_community.embeddings import HuggingFaceEmbeddings
        from langchain_openai import OpenAIEmbeddings
        from langchain_qdrant import QdrantVectorStore
        from langchain_chroma import Chroma

        def embedder():
            return OpenAIEmbeddings()

        def stores(client):
            a = QdrantVectorStore(client=client, collection_name="c", embedding=embedder())
            b = QdrantVectorStore(client, "c", OpenAIEmbeddings())
            c = QdrantVectorStore.from_existing_collection("c", embedder(), url="http://q")
            d = QdrantVectorStore(client=client, collection_name="c", embedding=embedder(),
                                  validate_collection_config=False)
            e = QdrantVectorStore(client=client, collection_name="c", embedding=HuggingFaceEmbeddings())
            f = Chroma(collection_name="c", embedding_function=embedder())
            return a, b, c, d, e, f
    """)
    assert found == [(11, "langchain", "embed_documents"), (12, "langchain", "embed_documents"),
                     (13, "langchain", "embed_documents")]


def test_an_sdk_method_handed_to_an_executor_is_a_site_at_the_reference(tmp_path):
    found = sites(tmp_path, """
        import concurrent.futures
        import tenacity
        from llama_index.llms import OpenAI
        from openai import OpenAI as Client

        def complete(llm, text):
            with concurrent.futures.ThreadPoolExecutor() as executor:
                future = executor.submit(llm.complete, text)
                executor.submit(print, text)
                executor.submit(len, text)
                return future.result()

        def ask(client, messages):
            call = tenacity.retry(stop=tenacity.stop_after_attempt(3))(client.chat.completions.create)
            helper = tenacity.retry(stop=tenacity.stop_after_attempt(3))(print)
            helper("x")
            return call(model="m", messages=messages)

        if __name__ == "__main__":
            complete(OpenAI(model="gpt-4"), "x")
            ask(Client(), [])
    """)
    assert found == [(9, "llamaindex", "complete"), (15, "openai", "chat.completions.create")]
