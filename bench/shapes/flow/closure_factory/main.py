from openai import OpenAI
from handlers import make_handler


def main():
    handler = make_handler(OpenAI())
    handler('x')


if __name__ == "__main__":
    main()
