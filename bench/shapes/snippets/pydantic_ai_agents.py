# library: pydantic-ai
# source: https://ai.pydantic.dev/agents/
from pydantic_ai import Agent

agent = Agent("openai:gpt-4o", instructions="Be concise")


def sync(text):
    return agent.run_sync(text)  # expect: pydantic-ai


class Service:
    def __init__(self):
        self.agent = Agent("anthropic:claude-sonnet-4-5")

    async def run(self, text):
        return await self.agent.run(text)  # expect: pydantic-ai

    async def stream(self, text):
        async with self.agent.run_stream(text) as result:  # expect: pydantic-ai
            return await result.get_output()
