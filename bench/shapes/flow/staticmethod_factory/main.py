from factory import LLMFactory


def main():
    LLMFactory.create('openai').ask('x')


if __name__ == "__main__":
    main()
