from openai import OpenAI
from strategies import STRATEGIES


def main():
    config = {'mode': 'short'}
    strategy = STRATEGIES[config['mode']](OpenAI())
    strategy.run('x')


if __name__ == "__main__":
    main()
