from openai import OpenAI

from digest.service import Digest


def main():
    Digest(OpenAI()).run('x')


if __name__ == "__main__":
    main()
