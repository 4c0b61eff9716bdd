# library: LlamaIndex (LLMs, embeddings, query/chat engines)
# source: https://docs.llamaindex.ai/en/stable/module_guides/models/llms/ ; https://docs.llamaindex.ai/en/stable/understanding/querying/querying/
from llama_index.core import Settings, SimpleDirectoryReader, VectorStoreIndex
from llama_index.embeddings.openai import OpenAIEmbedding
from llama_index.llms.anthropic import Anthropic
from llama_index.llms.openai import OpenAI

llm = OpenAI(model="gpt-4o-mini")


def complete(text):
    return llm.complete(text)  # expect: llamaindex


def query(question):
    documents = SimpleDirectoryReader("data").load_data()
    index = VectorStoreIndex.from_documents(documents)  # expect: llamaindex
    engine = index.as_query_engine()
    return engine.query(question)  # expect: llamaindex


class Rag:
    def __init__(self):
        self.llm = Anthropic(model="claude-sonnet-4-5")
        self.embed = OpenAIEmbedding(model="text-embedding-3-small")

    async def answer(self, messages):
        return await self.llm.achat(messages)  # expect: llamaindex

    def vector(self, text):
        return self.embed.get_text_embedding(text)  # expect: llamaindex


def settings_llm(text):
    Settings.llm = OpenAI(model="gpt-4o")
    return Settings.llm.complete(text)  # expect: llamaindex
