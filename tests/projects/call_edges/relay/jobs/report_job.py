from relay.reports import WeeklyReport


def run():
    return WeeklyReport().build()

if __name__ == "__main__":
    run()
