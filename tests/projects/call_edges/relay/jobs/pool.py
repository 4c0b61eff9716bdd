from concurrent.futures import ThreadPoolExecutor

from relay.calls import by_map, by_submit


def run():
    with ThreadPoolExecutor(max_workers=4) as pool:
        pool.submit(by_submit, "a")
        list(pool.map(by_map, ["a", "b"]))

if __name__ == "__main__":
    run()
