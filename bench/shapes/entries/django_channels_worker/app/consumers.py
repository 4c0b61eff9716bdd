# Canonical usage: https://channels.readthedocs.io/en/latest/topics/worker.html (SyncConsumer on a named channel)
from openai import OpenAI
from channels.consumer import SyncConsumer

client = OpenAI()


class SummaryConsumer(SyncConsumer):
    def summarize_document(self, message):
        client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": message["text"]}])  # expect-class: near-real-time
