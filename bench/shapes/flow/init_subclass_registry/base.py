class Task:
    registry = []

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Task.registry.append(cls)

    def run(self, text):
        raise NotImplementedError
