from functools import partial

from openai import OpenAI
from jobs import summarize


def main():
    job = partial(summarize, OpenAI())
    for text in ['a', 'b']:
        job(text)


if __name__ == "__main__":
    main()
