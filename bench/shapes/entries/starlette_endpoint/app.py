# Canonical usage: https://www.starlette.io/endpoints/
from starlette.applications import Starlette
from starlette.endpoints import HTTPEndpoint
from starlette.responses import JSONResponse
from starlette.routing import Route
from openai import OpenAI

client = OpenAI()


class Chat(HTTPEndpoint):
    async def post(self, request):
        text = (await request.json())["text"]
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        return JSONResponse({"reply": reply.choices[0].message.content})


app = Starlette(routes=[Route("/chat", Chat)])
