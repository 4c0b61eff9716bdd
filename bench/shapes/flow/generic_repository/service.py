from typing import Generic, TypeVar

T = TypeVar("T")


class Service(Generic[T]):
    def __init__(self, backend: T):
        self.backend = backend

    def run(self, text):
        return self.backend.ask(text)
