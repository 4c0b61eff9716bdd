from llm import Wrapper


class Report:
    llm = Wrapper()

    def build(self, text):
        return self.llm.ask(text)
