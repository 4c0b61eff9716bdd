from containers import Container


def main():
    container = Container()
    container.service().run('x')


if __name__ == "__main__":
    main()
