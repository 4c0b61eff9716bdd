from digestly.services.copy import tag


def run():
    return tag("x")


if __name__ == "__main__":
    run()
