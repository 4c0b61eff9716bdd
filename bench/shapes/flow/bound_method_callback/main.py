from llm import Wrapper
from runner import run_all


def main():
    run_all(Wrapper().ask, ['a', 'b'])


if __name__ == "__main__":
    main()
