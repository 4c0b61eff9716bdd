from llm import Wrapper


class Router:
    def __init__(self):
        self.models = {"fast": Wrapper(), "smart": Wrapper()}

    def run(self, kind, text):
        return self.models[kind].ask(text)
