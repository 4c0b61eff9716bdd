from job import Job


def main():
    job = Job()
    job.setup()
    job.run('x')


if __name__ == "__main__":
    main()
