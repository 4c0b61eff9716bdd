from openai import OpenAI

from mixins import LLMMixin


class Job(LLMMixin):
    def __init__(self):
        self.client = OpenAI()

    def run(self, text):
        return self.ask(text)
