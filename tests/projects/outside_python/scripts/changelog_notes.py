from digestly.services.copy import describe_changes

if __name__ == "__main__":
    describe_changes("log")
