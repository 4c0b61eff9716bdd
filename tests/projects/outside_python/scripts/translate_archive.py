from digestly.services.copy import translate_archive

if __name__ == "__main__":
    translate_archive("a")
