from digestly.services.copy import archive_note

if __name__ == "__main__":
    archive_note("i")
