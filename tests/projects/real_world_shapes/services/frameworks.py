import ollama
from crewai import Crew
from langchain.chains import LLMChain, load_summarize_chain
from langchain_openai import ChatOpenAI
from openai import OpenAI

import controlflow as cf

llm = ChatOpenAI(model="gpt-4o-mini")
deepseek = OpenAI(base_url="https://api.deepseek.com", api_key="k")
openai_client = OpenAI()


def legacy_chains(docs):
    chain = LLMChain(llm=llm, prompt=None)
    chain.run(docs)  # expect: langchain run scheduled LLM001
    summary = load_summarize_chain(llm, chain_type="map_reduce")
    return summary.run(docs)  # expect: langchain run scheduled LLM001


def agents(topic):
    crew = Crew(agents=[], tasks=[])
    crew.kickoff(inputs={"topic": topic})  # expect: crewai kickoff scheduled
    return cf.run("Summarise", context={"topic": topic})  # expect: controlflow controlflow.run scheduled


def local_and_compatible(text):
    ollama.chat(model="llama3", messages=[])  # expect: ollama ollama.chat real-time
    deepseek.chat.completions.create(model="deepseek-chat", messages=[])  # expect: deepseek chat.completions.create real-time
    return openai_client.beta.threads.runs.create_and_poll(thread_id="t", assistant_id="a")  # expect: openai threads.runs.create_and_poll real-time
