# library: Runners and wrappers that call what they are handed (Chainlit make_async, asgiref, anyio, functools, executors)
# source: https://docs.chainlit.io/api-reference/make-async ; https://docs.chainlit.io/concepts/user-session ; https://asgiref.readthedocs.io/en/latest/ ; https://anyio.readthedocs.io/en/stable/threads.html ; https://docs.python.org/3/library/functools.html#functools.partial ; https://python.langchain.com/v0.1/docs/modules/chains/
import asyncio
import functools

import anyio
import chainlit as cl
from asgiref.sync import sync_to_async
from autogen import AssistantAgent, UserProxyAgent
from langchain.agents import AgentType, initialize_agent
from langchain.chains import LLMChain
from langchain_core.prompts import PromptTemplate
from langchain_openai import ChatOpenAI
from openai import OpenAI

client = OpenAI()
assistant = AssistantAgent("assistant", llm_config={"model": "gpt-4o-mini"})
user = UserProxyAgent("user", human_input_mode="NEVER")


@cl.on_chat_start
async def start():
    llm = ChatOpenAI(model="gpt-4o-mini")
    cl.user_session.set("chain", LLMChain(llm=llm, prompt=PromptTemplate.from_template("{q}")))
    cl.user_session.set("agent", initialize_agent([], llm, agent=AgentType.ZERO_SHOT_REACT_DESCRIPTION))


@cl.on_message
async def on_message(message: cl.Message):
    chain = cl.user_session.get("chain")
    agent = cl.user_session.get("agent")
    first = await chain.acall(message.content)  # expect: langchain
    second = agent(message.content)  # expect: langchain
    await cl.make_async(user.initiate_chat)(assistant, message=message.content)  # expect: autogen
    await cl.make_async(user.send)(message.content, assistant)  # expect: autogen
    return first, second


async def threads(text):
    one = await sync_to_async(client.embeddings.create)(model="text-embedding-3-small", input=text)  # expect: openai
    two = await anyio.to_thread.run_sync(client.embeddings.create, "text-embedding-3-small")  # expect: openai
    loop = asyncio.get_running_loop()
    three = await loop.run_in_executor(None, functools.partial(client.moderations.create, input=text))  # expect: openai
    ask = functools.partial(client.chat.completions.create, model="gpt-4o-mini")
    four = ask(messages=[{"role": "user", "content": text}])  # expect: openai
    return one, two, three, four


def legacy(question):
    chain = LLMChain(llm=ChatOpenAI(), prompt=PromptTemplate.from_template("{q}"))
    return chain({"q": question})  # expect: langchain
