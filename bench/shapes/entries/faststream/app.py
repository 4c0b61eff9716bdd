# Canonical usage: https://faststream.airt.ai/latest/getting-started/subscription/
from faststream import FastStream
from faststream.kafka import KafkaBroker
from openai import OpenAI

client = OpenAI()

broker = KafkaBroker("localhost:9092")
app = FastStream(broker)


@broker.subscriber("documents")
async def handle(text: str):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    return reply.choices[0].message.content
