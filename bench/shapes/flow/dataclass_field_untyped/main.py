from job import Job
from llm import Wrapper


def main():
    Job(llm=Wrapper()).run('x')


if __name__ == "__main__":
    main()
