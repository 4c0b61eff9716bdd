from openai import OpenAI


class Wrapper:
    """An LLM wrapper that builds its own client."""

    def __init__(self):
        self.client = OpenAI()

    def ask(self, text):
        return self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
