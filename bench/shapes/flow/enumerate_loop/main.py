from openai import OpenAI
from worker import Worker


def main():
    workers = [Worker(OpenAI())]
    for i, w in enumerate(workers):
        w.run(str(i))


if __name__ == "__main__":
    main()
