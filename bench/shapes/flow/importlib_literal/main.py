import importlib


def main():
    mod = importlib.import_module('plugins.summarizer')
    mod.run('x')


if __name__ == "__main__":
    main()
