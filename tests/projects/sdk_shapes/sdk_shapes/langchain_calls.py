"""Scheduled LangChain jobs: chat models, LCEL chains, structured output, embeddings, init_chat_model."""
from langchain.chat_models import init_chat_model
from langchain_anthropic import ChatAnthropic
from langchain_aws import ChatBedrockConverse
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_google_genai import ChatGoogleGenerativeAI
from langchain_openai import ChatOpenAI, OpenAIEmbeddings
from pydantic import BaseModel

llm = ChatOpenAI(model="gpt-4o-mini", temperature=0)
prompt = ChatPromptTemplate.from_messages([("system", "Summarise support tickets."), ("human", "{text}")])
chain = prompt | llm | StrOutputParser()
embeddings = OpenAIEmbeddings(model="text-embedding-3-small")


class Verdict(BaseModel):
    spam: bool


def nightly(tickets):  # llm-latency: scheduled
    summaries = chain.batch([{"text": t} for t in tickets])  # expect: langchain batch scheduled LLM001
    for ticket in tickets:
        ticket.vector = embeddings.embed_query(ticket)  # expect: langchain embed_query scheduled LLM001 LLM003
    judge = ChatAnthropic(model="claude-sonnet-4-5").with_structured_output(Verdict)
    verdict = judge.invoke("Is this spam? " + tickets[0])  # expect: langchain invoke scheduled LLM001
    text = "".join(chunk.content for chunk in llm.stream("Headline for today"))  # expect: langchain stream scheduled LLM001 LLM004
    return summaries, verdict, text


async def nightly_async(tickets):  # llm-latency: scheduled
    gemini = ChatGoogleGenerativeAI(model="gemini-2.5-flash")
    bedrock = ChatBedrockConverse(model="anthropic.claude-sonnet-4-5-v1:0")
    first = await gemini.ainvoke(tickets[0])  # expect: langchain ainvoke scheduled LLM001
    rest = await bedrock.abatch(tickets[1:])  # expect: langchain abatch scheduled LLM001
    return first, rest


def weekly(texts):  # llm-latency: scheduled
    model = init_chat_model("gpt-4o", model_provider="openai")
    vectors = embeddings.embed_documents(texts)  # expect: langchain embed_documents scheduled LLM001
    return model.invoke("Weekly summary"), vectors  # expect: langchain invoke scheduled LLM001
