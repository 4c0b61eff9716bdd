from digestly.jobs.summaries import run

if __name__ == "__main__":
    run()
