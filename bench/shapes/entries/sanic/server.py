# Canonical usage: https://sanic.dev/en/guide/basics/routing.html
from sanic import Sanic
from sanic.response import json
from openai import OpenAI

client = OpenAI()

app = Sanic("ChatApp")


@app.post("/chat")
async def chat(request):
    text = request.json["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return json({"reply": reply.choices[0].message.content})
