"""The clock process (Procfile ``clock:``): refreshes currency blurbs, forever."""
import threading

from digestly.services.copy import rate_blurb

stop = threading.Event()


def main():
    while not stop.is_set():
        rate_blurb("EUR")
        stop.wait(900)


if __name__ == "__main__":
    main()
