from relay.calls import by_list

STEPS = [by_list]


def run():
    for step in STEPS:
        step("x")

if __name__ == "__main__":
    run()
