# Canonical usage: https://docs.temporal.io/develop/python/core-application
import asyncio

from temporalio.client import Client
from temporalio.worker import Worker

from activities import summarize
from workflows import SummarizeWorkflow


async def main():
    client = await Client.connect("localhost:7233")
    worker = Worker(client, task_queue="summaries", workflows=[SummarizeWorkflow], activities=[summarize])
    await worker.run()


if __name__ == "__main__":
    asyncio.run(main())
