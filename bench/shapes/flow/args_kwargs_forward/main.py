from openai import OpenAI
from jobs import summarize
from retry import with_retry


def main():
    with_retry(summarize, OpenAI(), text='x')


if __name__ == "__main__":
    main()
