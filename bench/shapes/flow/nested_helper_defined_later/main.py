from jobs import build


def main():
    job = build()
    job("x")


if __name__ == "__main__":
    main()
