from openai import OpenAI
from jobs import summarize


def main():
    with OpenAI() as client:
        summarize(client, 'x')


if __name__ == "__main__":
    main()
