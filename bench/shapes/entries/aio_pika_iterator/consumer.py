# Canonical usage: https://aio-pika.readthedocs.io/en/latest/quick-start.html#simple-consumer
import asyncio

import aio_pika
from openai import AsyncOpenAI

client = AsyncOpenAI()


async def main() -> None:
    connection = await aio_pika.connect_robust("amqp://guest:guest@127.0.0.1/")
    async with connection:
        channel = await connection.channel()
        queue = await channel.declare_queue("documents", auto_delete=True)
        async with queue.iterator() as queue_iter:
            async for message in queue_iter:
                async with message.process():
                    await client.responses.create(model="gpt-4o-mini", input=message.body.decode())  # expect-class: near-real-time


if __name__ == "__main__":
    asyncio.run(main())
