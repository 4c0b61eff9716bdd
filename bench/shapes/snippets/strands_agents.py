# library: Strands Agents
# source: https://strandsagents.com/latest/documentation/docs/api-reference/python/agent/agent/ ;
#         https://strandsagents.com/docs/api/python/strands.agent.base/
from pydantic import BaseModel
from strands import Agent
from strands.models import BedrockModel


class Person(BaseModel):
    name: str


agent = Agent(system_prompt="You are helpful")


def direct(text):
    return agent(text)  # expect: strands


def structured(text):
    return agent.structured_output(Person, text)  # expect: strands


class Assistant:
    def __init__(self):
        self.agent = Agent(model=BedrockModel(model_id="us.anthropic.claude-sonnet-4"), tools=[])

    async def ask(self, text):
        return await self.agent.invoke_async(text)  # expect: strands

    async def stream(self, text):
        async for event in self.agent.stream_async(text):  # expect: strands
            yield event


def build() -> Agent:
    return Agent()


def factory(text):
    return build()(text)  # expect: strands
