from router import Router


def main():
    Router().run('fast', 'x')


if __name__ == "__main__":
    main()
