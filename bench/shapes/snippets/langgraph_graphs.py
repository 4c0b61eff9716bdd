# library: LangGraph (compiled graphs, prebuilt agents)
# source: https://langchain-ai.github.io/langgraph/tutorials/get-started/1-build-basic-chatbot/ ; https://langchain-ai.github.io/langgraph/agents/agents/
from langchain.chat_models import init_chat_model
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.prebuilt import create_react_agent

llm = init_chat_model("anthropic:claude-sonnet-4-5")


def chatbot(state: MessagesState):
    return {"messages": [llm.invoke(state["messages"])]}  # expect: langchain


builder = StateGraph(MessagesState)
builder.add_node("chatbot", chatbot)
builder.add_edge(START, "chatbot")
builder.add_edge("chatbot", END)
graph = builder.compile()


def run_graph(text):
    # a hand-built graph calls models in its nodes (``chatbot`` above): those are the sites
    return graph.invoke({"messages": [{"role": "user", "content": text}]})


agent = create_react_agent(model="anthropic:claude-3-7-sonnet-latest", tools=[])


def run_agent(text):
    return agent.invoke({"messages": [{"role": "user", "content": text}]})  # expect: langchain


async def stream_agent(text):
    async for chunk in agent.astream({"messages": [{"role": "user", "content": text}]}):  # expect: langchain
        yield chunk
