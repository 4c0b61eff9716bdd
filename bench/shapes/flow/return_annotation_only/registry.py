import pickle

from service import Summarizer


def get_summarizer() -> Summarizer:
    with open("summarizer.pkl", "rb") as f:
        return pickle.load(f)
