import sys

from relay import calls

HANDLERS = {
    "summary": calls.by_dict,
    "alt-text": lambda text: calls.by_dict_lambda(text),
}


def run():
    kind = sys.argv[1]
    return HANDLERS[kind]("text")

if __name__ == "__main__":
    run()
