class Context:
    def __init__(self, llm):
        self.llm = llm


class Job:
    def __init__(self, ctx):
        self.ctx = ctx

    def run(self, text):
        return self.ctx.llm.ask(text)
