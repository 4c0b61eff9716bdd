from relay.chain_a import collect


def run():
    return collect()

if __name__ == "__main__":
    run()
