from digestly.services.copy import release_notes

if __name__ == "__main__":
    release_notes("v1")
