from concurrent.futures import ThreadPoolExecutor

from llm import Wrapper


def main():
    llm = Wrapper()
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(llm.ask, ['a', 'b']))


if __name__ == "__main__":
    main()
