from job import Job


def main():
    Job().run('x')


if __name__ == "__main__":
    main()
