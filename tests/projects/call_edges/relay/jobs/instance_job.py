from relay.summarizer import summarizer


def run():
    return summarizer.summarize("x")

if __name__ == "__main__":
    run()
