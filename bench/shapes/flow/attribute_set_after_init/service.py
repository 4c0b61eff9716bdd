class Service:
    def __init__(self):
        self.llm = None

    def run(self, text):
        return self.llm.ask(text)
