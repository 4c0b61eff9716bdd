from openai import OpenAI
from job import Job


def main():
    Job(OpenAI()).run('x')


if __name__ == "__main__":
    main()
