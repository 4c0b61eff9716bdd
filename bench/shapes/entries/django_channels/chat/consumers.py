# Canonical usage: https://channels.readthedocs.io/en/latest/tutorial/part_2.html
import json

from channels.generic.websocket import WebsocketConsumer
from openai import OpenAI

client = OpenAI()


class ChatConsumer(WebsocketConsumer):
    def receive(self, text_data):
        text = json.loads(text_data)["message"]
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        self.send(text_data=json.dumps({"message": reply.choices[0].message.content}))
