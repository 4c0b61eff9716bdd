from openai import OpenAI


class FastLLM:
    def __init__(self):
        self.client = OpenAI()

    def generate(self, text):
        return self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled


class SmartLLM(FastLLM):
    def generate(self, text):
        return self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
