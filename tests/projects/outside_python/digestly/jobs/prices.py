from digestly.services.copy import price_note


def run():
    return price_note("x")


if __name__ == "__main__":
    run()
