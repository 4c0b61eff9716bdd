# library: LangChain legacy chains
# source: https://python.langchain.com/v0.1/docs/modules/chains/ ; https://python.langchain.com/v0.1/docs/use_cases/summarization/
from langchain.chains import LLMChain, RetrievalQA
from langchain.chains.summarize import load_summarize_chain
from langchain.prompts import PromptTemplate
from langchain_openai import ChatOpenAI

llm = ChatOpenAI(temperature=0)


def summarize(docs):
    chain = load_summarize_chain(llm, chain_type="map_reduce")
    return chain.run(docs)  # expect: langchain


def qa(retriever, question):
    qa_chain = RetrievalQA.from_chain_type(llm=llm, retriever=retriever)
    return qa_chain({"query": question})  # expect: langchain


class Writer:
    def __init__(self):
        self.chain = LLMChain(llm=llm, prompt=PromptTemplate.from_template("{x}"))

    def write(self, x):
        return self.chain.predict(x=x)  # expect: langchain
