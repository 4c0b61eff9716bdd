# library: CrewAI
# source: https://docs.crewai.com/concepts/crews ; https://docs.crewai.com/concepts/llms ; https://docs.crewai.com/concepts/agents#direct-agent-interaction-with-kickoff
from crewai import LLM, Agent, Crew, Task

researcher = Agent(role="r", goal="g", backstory="b")
crew = Crew(agents=[researcher], tasks=[Task(description="d", expected_output="o", agent=researcher)])


def run(inputs):
    return crew.kickoff(inputs=inputs)  # expect: crewai


async def arun(inputs):
    return await crew.kickoff_async(inputs=inputs)  # expect: crewai


def agent_direct(text):
    return researcher.kickoff(text)  # expect: crewai


class Service:
    def __init__(self):
        self.llm = LLM(model="gpt-4o")

    def call(self, text):
        return self.llm.call(text)  # expect: crewai
