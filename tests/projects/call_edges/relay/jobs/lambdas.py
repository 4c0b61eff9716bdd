import threading

from relay import calls


def run():
    threading.Thread(target=lambda: calls.by_lambda("x")).start()

if __name__ == "__main__":
    run()
