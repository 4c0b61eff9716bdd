# Canonical usage: https://matrix-nio.readthedocs.io/en/latest/examples.html
import asyncio

from nio import AsyncClient, MatrixRoom, RoomMessageText
from openai import OpenAI

client = OpenAI()

matrix = AsyncClient("https://matrix.example.org", "@bot:example.org")


async def message_callback(room: MatrixRoom, event: RoomMessageText) -> None:
    text = event.body
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    await matrix.room_send(room.room_id, "m.room.message", {"msgtype": "m.text", "body": reply.choices[0].message.content})


async def main() -> None:
    matrix.add_event_callback(message_callback, RoomMessageText)
    await matrix.login("password")
    await matrix.sync_forever(timeout=30000)


asyncio.run(main())
