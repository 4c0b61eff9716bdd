from relay.agent_graph import graph


def run():
    return graph.invoke({"topic": "ops"})

if __name__ == "__main__":
    run()
