from service import Service


def main():
    Service.from_env().run('x')


if __name__ == "__main__":
    main()
