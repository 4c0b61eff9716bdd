from openai import OpenAI

from tools.llm.summary import Summarizer


def main():
    Summarizer(OpenAI()).run('x')


if __name__ == "__main__":
    main()
