from registry import get_summarizer


def main():
    get_summarizer().run('x')


if __name__ == "__main__":
    main()
