from relay.chain_c import enrich


def gather():
    return enrich()
