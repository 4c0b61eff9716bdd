from typing import cast

from loader import load
from service import Summarizer


def main():
    llm = cast(Summarizer, load())
    llm.run('x')


if __name__ == "__main__":
    main()
