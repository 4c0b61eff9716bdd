import os

from llm import Other, Wrapper


def main():
    llm = Wrapper() if os.environ.get('A') else Other()
    llm.ask('x')


if __name__ == "__main__":
    main()
