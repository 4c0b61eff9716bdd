from openai import OpenAI


class Engine:
    def __init__(self):
        self.client = OpenAI()

    def answer(self, text):
        return self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
