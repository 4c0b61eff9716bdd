# Canonical usage: https://channels.readthedocs.io/en/latest/topics/worker.html (SyncConsumer on a named channel)
from channels.consumer import SyncConsumer
from openai import OpenAI

client = OpenAI()


class SummaryConsumer(SyncConsumer):
    def summarize_document(self, message):
        client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": message["text"]}])  # expect-class: near-real-time
