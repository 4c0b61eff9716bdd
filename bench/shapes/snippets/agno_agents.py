# library: agno / phidata
# source: https://docs.agno.com/integrations/models/native/openai/completion/usage/basic ; https://docs.agno.com/examples/models/openai/responses
import asyncio

from agno.agent import Agent
from agno.models.anthropic import Claude
from agno.models.openai import OpenAIChat
from agno.team import Team
from phi.agent import Agent as PhiAgent

agent = Agent(model=OpenAIChat(id="gpt-4o"), markdown=True)


def run(text):
    return agent.run(text)  # expect: agno


def show(text):
    agent.print_response(text, stream=True)  # expect: agno


class Researcher:
    def __init__(self):
        self.agent = Agent(model=Claude(id="claude-sonnet-4-5"))
        self.team = Team(members=[self.agent], model=OpenAIChat(id="gpt-4o"))

    async def ask(self, text):
        return await self.agent.arun(text)  # expect: agno

    def team_run(self, text):
        return self.team.run(text)  # expect: agno


def legacy(text):
    return PhiAgent(description="x").run(text)  # expect: agno


def main():
    asyncio.run(agent.aprint_response("hi"))  # expect: agno
