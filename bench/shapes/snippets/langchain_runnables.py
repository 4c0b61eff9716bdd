# library: LangChain runnables composed around a model (history, parallel, branch, assign, LCEL chain and agent constructors)
# source: https://python.langchain.com/docs/how_to/message_history/ ; https://python.langchain.com/docs/how_to/qa_chat_history_how_to/ ; https://python.langchain.com/docs/how_to/parallel/ ; https://python.langchain.com/docs/how_to/routing/ ; https://python.langchain.com/docs/how_to/agent_executor/
from langchain.agents import AgentExecutor, create_tool_calling_agent
from langchain.chains import create_history_aware_retriever, create_retrieval_chain
from langchain.chains.combine_documents import create_stuff_documents_chain
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import (
    RunnableBranch,
    RunnableParallel,
    RunnablePassthrough,
)
from langchain_core.runnables.history import RunnableWithMessageHistory
from langchain_openai import ChatOpenAI

llm = ChatOpenAI(model="gpt-4o-mini")
prompt = ChatPromptTemplate.from_template("{input}")


def history_rag(retriever, get_session_history, question):
    contextual = create_history_aware_retriever(llm, retriever, prompt)
    qa = create_stuff_documents_chain(llm, prompt)
    rag = create_retrieval_chain(contextual, qa)
    chat = RunnableWithMessageHistory(rag, get_session_history, input_messages_key="input",
                                      history_messages_key="chat_history", output_messages_key="answer")
    return chat.invoke({"input": question}, config={"configurable": {"session_id": "1"}})  # expect: langchain


def parallel(text):
    joke = prompt | llm | StrOutputParser()
    both = RunnableParallel(joke=joke, echo=RunnablePassthrough())
    return both.invoke({"input": text})  # expect: langchain


def routed(text):
    general = prompt | llm
    branch = RunnableBranch((lambda x: "math" in x["input"], general), general)
    return branch.invoke({"input": text})  # expect: langchain


def assigned(text):
    chain = RunnablePassthrough.assign(answer=prompt | llm | StrOutputParser())
    return chain.invoke({"input": text})  # expect: langchain


def agent(tools, text):
    runnable = create_tool_calling_agent(llm, tools, prompt)
    executor = AgentExecutor(agent=runnable, tools=tools)
    return executor.invoke({"input": text})  # expect: langchain


def no_model(get_session_history, text):
    formatter = prompt | StrOutputParser()
    chat = RunnableWithMessageHistory(formatter, get_session_history)
    return chat.invoke({"input": text})
