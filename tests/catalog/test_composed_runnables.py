"""LangChain runnables composed around a model (issue 15): a wrapper or LCEL constructor built
from arguments that hold a model holds that model, so its ``invoke`` is a site whose backend is
that model's provider; built from parts that hold none (``prompt | parser``, a function), it is not."""
from __future__ import annotations

from support.scan import scan, sites


def test_history_wrapper_over_a_retrieval_chain_over_a_model_is_a_site(tmp_path):
    found = sites(tmp_path, """
        from langchain_groq import ChatGroq
        from langchain.chains import create_retrieval_chain
        from langchain.chains.combine_documents import create_stuff_documents_chain
        from langchain_core.runnables.history import RunnableWithMessageHistory

        llm = ChatGroq(model="llama-3.1-70b-versatile")

        def answer(retriever, prompt, history, q):
            qa = create_stuff_documents_chain(llm=llm, prompt=prompt)
            rag = create_retrieval_chain(retriever=retriever, combine_docs_chain=qa)
            chat = RunnableWithMessageHistory(rag, history, input_messages_key="input")
            return chat.invoke({"input": q}), qa.stream({"input": q})
    """)
    assert found == [(13, "langchain", "invoke"), (13, "langchain", "stream")]


def test_the_composed_runnable_keeps_the_model_and_its_backend(tmp_path):
    result = scan(tmp_path, """
        from langchain_anthropic import ChatAnthropic
        from langchain_core.runnables import RunnableParallel, RunnableBranch, RunnablePassthrough

        model = ChatAnthropic(model="claude-sonnet-4-5")

        def run(prompt, q):
            summary = prompt | model
            both = RunnableParallel({"summary": summary, "question": RunnablePassthrough()})
            routed = RunnableBranch((lambda x: bool(x), both), summary)
            assigned = RunnablePassthrough.assign(answer=summary)
            return both.invoke(q), routed.batch([q]), assigned.ainvoke(q)
    """)
    matches = sorted((s.resolved.site.line, s.resolved.match.operation, s.resolved.match.client or "",
                      s.resolved.match.backend.id if s.resolved.match.backend else "") for s in result.sites)
    assert [(line, op) for line, op, _, _ in matches] == [(12, "ainvoke"), (12, "batch"), (12, "invoke")]
    assert {(client, backend) for _, _, client, backend in matches} == {("langchain_anthropic.ChatAnthropic", "anthropic")}


def test_agent_constructors_take_the_model_they_are_given(tmp_path):
    found = sites(tmp_path, """
        from langchain.agents import create_tool_calling_agent, AgentExecutor
        from langchain_openai import ChatOpenAI
        from langchain_core.runnables import RunnableWithMessageHistory

        def run(tools, prompt, history, q):
            agent = create_tool_calling_agent(ChatOpenAI(model="gpt-4o"), tools, prompt)
            agent.invoke({"input": q})
            return RunnableWithMessageHistory(agent, history).invoke({"input": q})
    """)
    assert found == [(8, "langchain", "invoke"), (9, "langchain", "invoke")]


def test_composers_over_no_model_are_no_sites(tmp_path):
    found = sites(tmp_path, """
        from langchain_core.runnables import RunnableParallel, RunnableBranch
        from langchain_core.runnables.history import RunnableWithMessageHistory
        from langchain_core.output_parsers import StrOutputParser
        from langchain_core.prompts import ChatPromptTemplate

        def run(history, q):
            formatter = ChatPromptTemplate.from_template("{q}") | StrOutputParser()
            chat = RunnableWithMessageHistory(formatter, history)
            both = RunnableParallel(text=formatter, raw=lambda x: x)
            routed = RunnableBranch((lambda x: bool(x), both), formatter)
            return chat.invoke({"q": q}), both.invoke(q), routed.invoke(q)
    """)
    assert found == []
