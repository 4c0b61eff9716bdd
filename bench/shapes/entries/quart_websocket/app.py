# Canonical usage: https://quart.palletsprojects.com/en/latest/how_to_guides/websockets.html
from quart import Quart, websocket
from openai import OpenAI

client = OpenAI()

app = Quart(__name__)


@app.websocket("/ws")
async def ws():
    while True:
        text = await websocket.receive()
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        await websocket.send(reply.choices[0].message.content)
