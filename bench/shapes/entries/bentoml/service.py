# Canonical usage: https://docs.bentoml.com/en/latest/build-with-bentoml/services.html
import bentoml
from openai import OpenAI

client = OpenAI()


@bentoml.service
class Summarizer:
    @bentoml.api
    def summarize(self, text: str) -> str:
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        return reply.choices[0].message.content
