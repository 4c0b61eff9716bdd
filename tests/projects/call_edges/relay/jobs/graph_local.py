from relay.agent_graph import build_review_graph


def run():
    app = build_review_graph()
    return app.invoke({"draft": "..."})

if __name__ == "__main__":
    run()
