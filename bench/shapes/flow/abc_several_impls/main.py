from loader import load
from runner import run


def main():
    run(load('x'), 'text')


if __name__ == "__main__":
    main()
