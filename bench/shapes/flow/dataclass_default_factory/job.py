from dataclasses import dataclass, field

from llm import Wrapper


@dataclass
class Job:
    llm: Wrapper = field(default_factory=Wrapper)

    def run(self, text):
        return self.llm.ask(text)
