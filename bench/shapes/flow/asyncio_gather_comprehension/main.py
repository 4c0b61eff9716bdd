import asyncio

from openai import AsyncOpenAI

from worker import Worker


async def main():
    workers = [Worker(AsyncOpenAI()) for _ in range(3)]
    await asyncio.gather(*[w.run("x") for w in workers])


if __name__ == "__main__":
    asyncio.run(main())
