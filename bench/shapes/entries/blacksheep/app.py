# Canonical usage: https://www.neoteroi.dev/blacksheep/routing/
from blacksheep import Application, post
from openai import OpenAI

client = OpenAI()

app = Application()


@post("/chat")
async def chat(text: str):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return reply.choices[0].message.content
