# Canonical usage: https://www.starlette.io/endpoints/#websocketendpoint
from starlette.applications import Starlette
from starlette.endpoints import WebSocketEndpoint
from starlette.routing import WebSocketRoute
from openai import OpenAI

client = OpenAI()


class Chat(WebSocketEndpoint):
    encoding = "text"

    async def on_receive(self, websocket, data):
        text = data
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        await websocket.send_text(reply.choices[0].message.content)


app = Starlette(routes=[WebSocketRoute("/ws", Chat)])
