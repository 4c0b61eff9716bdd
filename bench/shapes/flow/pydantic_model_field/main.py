from openai import OpenAI
from agent import Agent


def main():
    Agent(name='a', client=OpenAI()).run('x')


if __name__ == "__main__":
    main()
