from openai import OpenAI
from job import Job


def main():
    Job('daily', OpenAI()).run('x')


if __name__ == "__main__":
    main()
