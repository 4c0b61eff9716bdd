from openai import OpenAI
from app import Summarizer


def main():
    Summarizer(OpenAI()).run('x')


if __name__ == "__main__":
    main()
