import sys

import relay.briefs  # noqa: F401 - registers the briefs
from relay.registry import REGISTRY


def run():
    return REGISTRY[sys.argv[1]]()

if __name__ == "__main__":
    run()
