# Canonical usage: https://www.starlette.io/routing/
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
from openai import OpenAI

client = OpenAI()


async def chat(request):
    text = (await request.json())["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return JSONResponse({"reply": reply.choices[0].message.content})


app = Starlette(routes=[Route("/chat", chat, methods=["POST"])])
