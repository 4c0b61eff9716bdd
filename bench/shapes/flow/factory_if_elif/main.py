import os
from factory import make_llm


def main():
    llm = make_llm(os.environ.get('LLM', 'openai'))
    llm.generate('x')


if __name__ == "__main__":
    main()
