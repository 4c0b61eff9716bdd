from digestly.services.copy import clean_title


def run():
    return clean_title("x")


if __name__ == "__main__":
    run()
