from digestly.services.copy import embed


def run():
    return embed("x")


if __name__ == "__main__":
    run()
