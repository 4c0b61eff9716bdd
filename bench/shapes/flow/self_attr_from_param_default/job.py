from llm import Wrapper


class Job:
    def __init__(self, llm=None):
        self.llm = llm or Wrapper()

    def run(self, text):
        return self.llm.ask(text)
