import threading

from relay import calls


def run():
    worker = threading.Thread(target=calls.by_thread, daemon=True)
    worker.start()
    worker.join()

if __name__ == "__main__":
    run()
