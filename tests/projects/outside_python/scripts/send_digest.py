from digestly.services.copy import compose_digest

if __name__ == "__main__":
    compose_digest([])
