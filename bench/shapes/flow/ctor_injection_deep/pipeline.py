from stages import Stage


class Pipeline:
    def __init__(self, client):
        self.stage = Stage(client)

    def run(self, text):
        return self.stage.run(text)
