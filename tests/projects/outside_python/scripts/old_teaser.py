from digestly.services.copy import teaser

if __name__ == "__main__":
    teaser("x")
