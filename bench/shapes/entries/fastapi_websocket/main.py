# Canonical usage: https://fastapi.tiangolo.com/advanced/websockets/
from fastapi import FastAPI, WebSocket
from openai import OpenAI

client = OpenAI()

app = FastAPI()


@app.websocket("/ws")
async def websocket_endpoint(websocket: WebSocket):
    await websocket.accept()
    while True:
        text = await websocket.receive_text()
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        await websocket.send_text(reply.choices[0].message.content)
