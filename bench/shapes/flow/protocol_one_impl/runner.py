from typing import Protocol


class LLM(Protocol):
    def summarize(self, text: str) -> str: ...


def run(llm: LLM, text):
    return llm.summarize(text)
