from job import Context, Job
from llm import Wrapper


def main():
    Job(Context(llm=Wrapper())).run('x')


if __name__ == "__main__":
    main()
