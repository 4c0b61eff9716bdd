import tasks  # noqa: F401
from base import Task


def main():
    for cls in Task.registry:
        cls().run('x')


if __name__ == "__main__":
    main()
