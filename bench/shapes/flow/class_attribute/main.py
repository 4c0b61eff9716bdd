from report import Report


def main():
    Report().build('x')


if __name__ == "__main__":
    main()
