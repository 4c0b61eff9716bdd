from openai import OpenAI
from agent import Agent


def main():
    agents = {'a': Agent(OpenAI()), 'b': Agent(OpenAI())}
    for name, agent in agents.items():
        agent.run(name)


if __name__ == "__main__":
    main()
