from service import Service


def main():
    Service().run('x')


if __name__ == "__main__":
    main()
