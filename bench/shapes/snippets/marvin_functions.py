# library: Marvin
# source: https://askmarvin.ai/docs/ (marvin.run, extract, classify, cast, generate, @marvin.fn)
import marvin


@marvin.fn  # expect: marvin
def sentiment(text: str) -> float:
    """Score the sentiment of `text` between -1 and 1."""


def tasks(text):
    a = marvin.run("Write a haiku about " + text)  # expect: marvin
    b = marvin.extract(text, target=str, instructions="names")  # expect: marvin
    c = marvin.classify(text, labels=["bug", "feature"])  # expect: marvin
    d = marvin.cast(text, target=int)  # expect: marvin
    return a, b, c, d


def decorated(text):
    return sentiment(text)
