# Canonical usage: https://docs.ray.io/en/latest/serve/getting_started.html
from ray import serve
from starlette.requests import Request
from openai import OpenAI

client = OpenAI()


@serve.deployment
class Summarizer:
    async def __call__(self, request: Request) -> str:
        text = (await request.json())["text"]
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        return reply.choices[0].message.content


app = Summarizer.bind()
