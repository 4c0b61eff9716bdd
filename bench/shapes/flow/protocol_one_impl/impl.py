from openai import OpenAI


class OpenAISummarizer:
    def __init__(self):
        self.client = OpenAI()

    def summarize(self, text: str) -> str:
        return self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
