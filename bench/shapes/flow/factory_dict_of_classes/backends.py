from openai import OpenAI


class Gpt:
    def __init__(self):
        self.client = OpenAI()

    def complete(self, text):
        return self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled


class Local:
    def __init__(self):
        self.client = OpenAI(base_url="http://localhost:8000/v1")

    def complete(self, text):
        return self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled


BACKENDS = {"gpt": Gpt, "local": Local}
