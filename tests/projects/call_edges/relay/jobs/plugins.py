from typing import List

from relay.plugins.base import Plugin


def load_plugins():
    return []


def run_all(plugins: List[Plugin]):
    for plugin in plugins:
        plugin.run("x")


def run():
    run_all(load_plugins())

if __name__ == "__main__":
    run()
