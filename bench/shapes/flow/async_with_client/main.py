import asyncio

from openai import AsyncOpenAI

from jobs import summarize


async def main():
    async with AsyncOpenAI() as client:
        await summarize(client, "x")


if __name__ == "__main__":
    asyncio.run(main())
