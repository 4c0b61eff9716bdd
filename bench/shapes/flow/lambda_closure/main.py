from openai import OpenAI
from jobs import summarize


def main():
    client = OpenAI()
    job = lambda text: summarize(client, text)
    job('x')


if __name__ == "__main__":
    main()
