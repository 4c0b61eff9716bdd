from digestly.services.copy import alt_text


def run():
    return alt_text("x")


if __name__ == "__main__":
    run()
