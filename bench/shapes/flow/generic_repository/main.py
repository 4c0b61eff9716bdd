from llm import Wrapper
from service import Service


def main():
    Service[Wrapper](Wrapper()).run('x')


if __name__ == "__main__":
    main()
