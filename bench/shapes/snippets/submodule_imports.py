# library: SDK classes imported from the submodules that define them
# source: https://python.langchain.com/api_reference/community/embeddings/langchain_community.embeddings.openai.OpenAIEmbeddings.html, https://python.langchain.com/api_reference/openai/chat_models/langchain_openai.chat_models.base.ChatOpenAI.html, https://docs.llamaindex.ai/en/stable/api_reference/llms/openai/, https://googleapis.github.io/python-genai/genai.html#module-genai.client, https://openai.github.io/openai-agents-python/ref/run/
from agents.run import Runner
from google.genai.client import Client
from langchain.chains.combine_documents.map_reduce import MapReduceDocumentsChain
from langchain_community.embeddings.openai import OpenAIEmbeddings
from langchain_openai.chat_models.base import ChatOpenAI
from llama_index.llms.openai.base import OpenAI


def embed(texts):
    return OpenAIEmbeddings().embed_documents(texts)  # expect: langchain


def summarise(chain: MapReduceDocumentsChain, docs):
    return chain.invoke({"input_documents": docs})  # expect: langchain


def ask(prompt):
    return ChatOpenAI(model="gpt-4o").invoke(prompt)  # expect: langchain


def complete(prompt):
    return OpenAI(model="gpt-4o").complete(prompt)  # expect: llamaindex


def gemini(prompt):
    return Client().models.generate_content(model="gemini-2.5-flash", contents=prompt)  # expect: google


def agent(triage, text):
    return Runner.run_sync(triage, text)  # expect: openai-agents
