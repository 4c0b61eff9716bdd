from openai import OpenAI
from ctx import current_client
from jobs import summarize


def main():
    current_client.set(OpenAI())
    summarize('x')


if __name__ == "__main__":
    main()
