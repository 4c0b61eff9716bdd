# Canonical usage: https://docs.python.org/3/library/asyncio-task.html#sleeping
import asyncio
from openai import OpenAI

client = OpenAI()


async def refresh_summaries():
    while True:
        text = "Summarise the latest feed"
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
        print(reply.choices[0].message.content)
        await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run(refresh_summaries())
