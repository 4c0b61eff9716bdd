from llm import Wrapper


def main():
    names = ['a', 'b']
    for name, llm in zip(names, [Wrapper(), Wrapper()]):
        llm.ask(name)


if __name__ == "__main__":
    main()
