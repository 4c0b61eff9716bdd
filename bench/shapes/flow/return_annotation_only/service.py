from openai import OpenAI


class Summarizer:
    def __init__(self):
        self.client = OpenAI()

    def run(self, text):
        return self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
