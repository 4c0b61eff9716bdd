from digestly.services.copy import newsletter_intro

if __name__ == "__main__":
    newsletter_intro("i")
