from digestly.services.copy import translate


def run():
    return translate("x")


if __name__ == "__main__":
    run()
