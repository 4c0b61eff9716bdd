# Canonical usage: https://docs.litestar.dev/latest/usage/websockets.html
from litestar import Litestar, websocket_listener
from openai import OpenAI

client = OpenAI()


@websocket_listener("/ws")
async def chat(data: str) -> str:
    text = data
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return reply.choices[0].message.content


app = Litestar([chat])
