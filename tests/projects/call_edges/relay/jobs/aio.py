import asyncio

from relay import calls


async def main():
    await asyncio.to_thread(calls.by_to_thread, "a")
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, calls.by_executor, "b")


def run():
    asyncio.run(main())

if __name__ == "__main__":
    run()
