# library: LlamaIndex (models set globally: Settings, legacy ServiceContext; indexes, retrievers, engines)
# source: https://developers.llamaindex.ai/python/framework/module_guides/supporting_modules/settings/ ; https://developers.llamaindex.ai/python/framework/understanding/putting_it_all_together/agents ; https://docs.llamaindex.ai/en/stable/module_guides/querying/retriever/ ; https://docs.llamaindex.ai/en/v0.9.48/module_guides/supporting_modules/service_context.html
from llama_index import GPTVectorStoreIndex, ServiceContext, set_global_service_context
from llama_index.core import (
    Settings,
    SimpleDirectoryReader,
    StorageContext,
    SummaryIndex,
    VectorStoreIndex,
    load_index_from_storage,
)
from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.retrievers import VectorIndexRetriever
from llama_index.embeddings.openai import OpenAIEmbedding
from llama_index.llms.openai import OpenAI

# No model object reaches the calls below: the index, retriever and engine use these.
Settings.llm = OpenAI(model="gpt-4o-mini")
Settings.embed_model = OpenAIEmbedding(model="text-embedding-3-small")

INDEX = None


def build(folder):
    global INDEX
    documents = SimpleDirectoryReader(folder).load_data()  # a reader calls no model
    nodes = SentenceSplitter(chunk_size=512).get_nodes_from_documents(documents)  # nor does a splitter
    INDEX = VectorStoreIndex.from_documents(documents)  # expect: llamaindex
    summary = SummaryIndex.from_documents(documents)  # stores text only
    return nodes, summary


def search(question):
    retriever = INDEX.as_retriever(similarity_top_k=3)
    return retriever.retrieve(question)  # expect: llamaindex


def search_by_class(question):
    return VectorIndexRetriever(index=INDEX, similarity_top_k=3).retrieve(question)  # expect: llamaindex


def chat(message):
    return INDEX.as_chat_engine().chat(message)  # expect: llamaindex


async def ask_stored(question):
    index = load_index_from_storage(StorageContext.from_defaults(persist_dir="./storage"))
    return await index.as_query_engine().aquery(question)  # expect: llamaindex


def legacy(documents, question):
    context = ServiceContext.from_defaults(llm=OpenAI(model="gpt-3.5-turbo"))
    set_global_service_context(context)
    index = GPTVectorStoreIndex.from_documents(documents, service_context=context)  # expect: llamaindex
    return index.as_query_engine().query(question)  # expect: llamaindex


async def agents(question, tools):
    from llama_index.core.agent import ReActAgent as LegacyReActAgent
    from llama_index.core.agent.workflow import AgentWorkflow, FunctionAgent

    agent = FunctionAgent(tools=tools, system_prompt="Answer with the tools.")  # Settings.llm
    first = await agent.run(user_msg=question)  # expect: llamaindex
    workflow = AgentWorkflow.from_tools_or_functions(tools)
    second = await workflow.run(user_msg=question)  # expect: llamaindex
    legacy = LegacyReActAgent.from_tools(tools, verbose=True)
    return first, second, legacy.chat(question)  # expect: llamaindex
