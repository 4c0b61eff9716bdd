from llm import Wrapper
from service import Service


def main():
    svc = Service()
    svc.llm = Wrapper()
    svc.run('x')


if __name__ == "__main__":
    main()
