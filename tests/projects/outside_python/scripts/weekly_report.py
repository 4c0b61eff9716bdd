from digestly.jobs.reports import build

if __name__ == "__main__":
    build()
