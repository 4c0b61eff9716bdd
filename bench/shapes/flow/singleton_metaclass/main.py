from llm import LLM


def main():
    LLM().ask('x')


if __name__ == "__main__":
    main()
