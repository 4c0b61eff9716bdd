from bus import Bus
from jobs import summarize


def main():
    bus = Bus()
    bus.on(summarize)
    bus.emit('x')


if __name__ == "__main__":
    main()
