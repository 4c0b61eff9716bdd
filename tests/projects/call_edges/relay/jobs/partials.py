import functools

from relay.calls import by_partial


def run():
    english = functools.partial(by_partial, text="en")
    return english()

if __name__ == "__main__":
    run()
