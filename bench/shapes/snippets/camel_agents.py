# library: CAMEL
# source: https://docs.camel-ai.org/key_modules/agents ; https://docs.camel-ai.org/key_modules/models
from camel.agents import ChatAgent
from camel.models import ModelFactory
from camel.types import ModelPlatformType, ModelType

model = ModelFactory.create(model_platform=ModelPlatformType.OPENAI, model_type=ModelType.GPT_4O_MINI)
agent = ChatAgent(system_message="You are helpful", model=model)


def step(text):
    return agent.step(text)  # expect: camel


class Worker:
    def __init__(self):
        self.agent = ChatAgent("be brief")

    async def astep(self, text):
        return await self.agent.astep(text)  # expect: camel
