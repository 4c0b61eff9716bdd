from relay.chain_b import gather


def collect():
    return gather()
