# Canonical usage: https://docs.litestar.dev/latest/usage/routing/handlers.html
from litestar import Litestar, post
from openai import OpenAI

client = OpenAI()


@post("/chat")
async def chat(data: dict) -> dict:
    text = data["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return {"reply": reply.choices[0].message.content}


app = Litestar(route_handlers=[chat])
