class Pipeline:
    """Template method: ``execute`` calls the step each subclass defines."""

    def execute(self):
        return self.step()

    def step(self):
        return None
