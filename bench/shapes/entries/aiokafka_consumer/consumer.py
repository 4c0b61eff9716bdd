# Canonical usage: https://aiokafka.readthedocs.io/en/stable/#aiokafkaconsumer
import asyncio

from aiokafka import AIOKafkaConsumer
from openai import OpenAI

client = OpenAI()


async def consume():
    consumer = AIOKafkaConsumer("documents", bootstrap_servers="localhost:9092", group_id="enricher")
    await consumer.start()
    try:
        async for msg in consumer:
            text = msg.value.decode()
            reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
            print(reply.choices[0].message.content)
    finally:
        await consumer.stop()


asyncio.run(consume())
