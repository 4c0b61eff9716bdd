from langgraph.graph import END, StateGraph

from relay.calls import by_langgraph, by_langgraph_local


def draft(state):
    return {"draft": by_langgraph(state["topic"])}


builder = StateGraph(dict)
builder.add_node("draft", draft)
builder.add_edge("draft", END)
graph = builder.compile()


def review(state):
    return {"review": by_langgraph_local(state["draft"])}


def build_review_graph():
    g = StateGraph(dict)
    g.add_node("review", review)
    g.set_entry_point("review")
    return g.compile()
