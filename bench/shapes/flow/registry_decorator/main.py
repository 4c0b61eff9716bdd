import tasks  # noqa: F401  (registers)
from registry import REGISTRY


def main():
    for name in ['summary']:
        REGISTRY[name]().run('x')


if __name__ == "__main__":
    main()
