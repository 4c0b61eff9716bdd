from digestly.services.copy import faq_answer


def run():
    return faq_answer("x")


if __name__ == "__main__":
    run()
