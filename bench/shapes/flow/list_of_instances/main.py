from openai import OpenAI
from worker import Worker


def main():
    workers = [Worker(OpenAI()), Worker(OpenAI())]
    for w in workers:
        w.run('x')


if __name__ == "__main__":
    main()
