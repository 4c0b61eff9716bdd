from digestly.services.copy import keywords


def run():
    return keywords("x")


if __name__ == "__main__":
    run()
