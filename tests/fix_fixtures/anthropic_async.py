"""An async job on AsyncAnthropic under an alias: one scheduled call, awaited where it is made."""
from typing import List

from anthropic import AsyncAnthropic as Claude

client = Claude()


async def run(topic: str, rows: List[str]) -> str:  # llm-latency: scheduled
    reply = await client.messages.create(model="claude-sonnet-4-6", max_tokens=64, messages=[{"role": "user", "content": topic}])
    rows.append(reply.id)
    return reply.model
