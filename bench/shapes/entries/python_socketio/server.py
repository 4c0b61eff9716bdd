# Canonical usage: https://python-socketio.readthedocs.io/en/stable/server.html
import socketio
from openai import OpenAI

client = OpenAI()

sio = socketio.AsyncServer(async_mode="asgi")
app = socketio.ASGIApp(sio)


@sio.event
async def ask(sid, data):
    text = data["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    await sio.emit("answer", reply.choices[0].message.content, to=sid)
