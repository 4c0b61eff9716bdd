import os
from factory import make_llm


def main():
    make_llm(os.environ.get('LLM', 'a')).generate('x')


if __name__ == "__main__":
    main()
