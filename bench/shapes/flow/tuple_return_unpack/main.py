from jobs import summarize


def main():
    summarize('x')


if __name__ == "__main__":
    main()
