# library: LangChain vector stores (queries embed with the store's model)
# source: https://python.langchain.com/docs/integrations/vectorstores/faiss/ and /chroma/ (a store over an embeddings model)
from langchain_chroma import Chroma
from langchain_community.vectorstores import FAISS, VectorStore
from langchain_huggingface import HuggingFaceEmbeddings
from langchain_openai import OpenAIEmbeddings

embeddings = OpenAIEmbeddings(model="text-embedding-3-large")


def ingest(docs):
    store = FAISS.from_documents(docs, embeddings)  # expect: langchain
    store.save_local("faiss_index")
    return store


def query(question):
    store = FAISS.load_local("faiss_index", embeddings, allow_dangerous_deserialization=True)
    return store.similarity_search(question, k=2)  # expect: langchain


class Retrieval:
    def __init__(self, vector_store: VectorStore):
        self.vector_store = vector_store

    def scored(self, question):
        return self.vector_store.similarity_search_with_score(question, k=3)  # expect: langchain


def injected(docs, question):
    return Retrieval(ingest(docs)).scored(question)


def chroma(docs, question):
    db = Chroma(collection_name="example", embedding_function=embeddings, persist_directory="./chroma")
    db.add_documents(docs)  # expect: langchain
    retriever = db.as_retriever(search_type="mmr", search_kwargs={"k": 1})
    return retriever.invoke(question)  # expect: langchain


def local(docs, question):
    store = FAISS.from_documents(docs, HuggingFaceEmbeddings(model_name="all-MiniLM-L6-v2"))
    return store.similarity_search(question)
