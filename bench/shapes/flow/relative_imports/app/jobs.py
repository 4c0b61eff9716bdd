from .llm import client
from .prompts import summarize


def nightly():
    summarize(client, 'x')
