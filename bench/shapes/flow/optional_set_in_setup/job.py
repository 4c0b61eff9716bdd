from typing import Optional

from llm import Wrapper


class Job:
    def __init__(self):
        self.llm: Optional[Wrapper] = None

    def setup(self):
        self.llm = Wrapper()

    def run(self, text):
        assert self.llm is not None
        return self.llm.ask(text)
