from dataclasses import dataclass
from typing import Any


@dataclass
class Job:
    name: str = "job"
    llm: Any = None

    def run(self, text):
        return self.llm.ask(text)
