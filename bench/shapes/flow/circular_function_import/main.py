import jobs


def main():
    jobs.nightly()


if __name__ == "__main__":
    main()
