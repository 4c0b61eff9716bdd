# library: LangChain embeddings (integration packages)
# source: https://python.langchain.com/docs/integrations/text_embedding/
from langchain_cohere import CohereEmbeddings
from langchain_community.embeddings import DashScopeEmbeddings, JinaEmbeddings
from langchain_google_genai import GoogleGenerativeAIEmbeddings
from langchain_nvidia_ai_endpoints import NVIDIAEmbeddings
from langchain_openai import OpenAIEmbeddings
from langchain_voyageai import VoyageAIEmbeddings

embeddings = OpenAIEmbeddings(model="text-embedding-3-large")


def module_level(texts):
    return embeddings.embed_documents(texts)  # expect: langchain


def voyage(query):
    return VoyageAIEmbeddings(model="voyage-3.5").embed_query(query)  # expect: langchain


def jina(texts):
    return JinaEmbeddings(model_name="jina-embeddings-v3").embed_documents(texts)  # expect: langchain


class Store:
    def __init__(self):
        self.cohere = CohereEmbeddings(model="embed-v4.0")
        self.google = GoogleGenerativeAIEmbeddings(model="models/gemini-embedding-001")
        self.nvidia = NVIDIAEmbeddings(model="nvidia/nv-embedqa-e5-v5")
        self.qwen = DashScopeEmbeddings(model="text-embedding-v3")

    def embed(self, texts):
        a = self.cohere.embed_documents(texts)  # expect: langchain
        b = self.google.embed_documents(texts)  # expect: langchain
        c = self.nvidia.embed_query(texts[0])  # expect: langchain
        d = self.qwen.embed_documents(texts)  # expect: langchain
        return a, b, c, d
