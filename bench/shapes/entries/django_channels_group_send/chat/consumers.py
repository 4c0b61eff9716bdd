# Canonical usage: https://channels.readthedocs.io/en/latest/tutorial/part_3.html (group_send to chat.message)
import json

from channels.generic.websocket import AsyncWebsocketConsumer
from openai import AsyncOpenAI

client = AsyncOpenAI()


class ChatConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        self.room_group_name = "chat_" + self.scope["url_route"]["kwargs"]["room_name"]
        await self.channel_layer.group_add(self.room_group_name, self.channel_name)
        await self.accept()

    async def receive(self, text_data):
        message = json.loads(text_data)["message"]
        await self.channel_layer.group_send(self.room_group_name, {"type": "chat.message", "message": message})

    async def chat_message(self, event):
        reply = await client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": event["message"]}])  # expect-class: real-time
        await self.send(text_data=json.dumps({"message": reply.choices[0].message.content}))
