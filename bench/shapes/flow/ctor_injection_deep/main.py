from openai import OpenAI
from pipeline import Pipeline


def main():
    Pipeline(OpenAI()).run('x')


if __name__ == "__main__":
    main()
