# library: openai-agents
# source: https://openai.github.io/openai-agents-python/running_agents/
from agents import Agent, Runner

agent = Agent(name="Assistant", instructions="You are helpful")


def sync(text):
    return Runner.run_sync(agent, text)  # expect: openai-agents


async def run(text):
    return await Runner.run(agent, text)  # expect: openai-agents


async def streamed(text):
    result = Runner.run_streamed(agent, input=text)  # expect: openai-agents
    async for event in result.stream_events():
        yield event
