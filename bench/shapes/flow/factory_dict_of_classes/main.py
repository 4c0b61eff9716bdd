import os
from backends import BACKENDS


def main():
    backend = BACKENDS[os.environ['BACKEND']]()
    backend.complete('x')


if __name__ == "__main__":
    main()
