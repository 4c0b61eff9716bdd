from relay.calls import by_chain


def enrich():
    return by_chain("x")
