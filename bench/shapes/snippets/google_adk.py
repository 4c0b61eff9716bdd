# library: Google ADK
# source: https://google.github.io/adk-docs/runtime/ ; https://google.github.io/adk-docs/get-started/quickstart/
from google.adk.agents import Agent
from google.adk.runners import InMemoryRunner, Runner
from google.adk.sessions import InMemorySessionService

root_agent = Agent(name="a", model="gemini-2.5-flash", instruction="help")
runner = Runner(agent=root_agent, app_name="app", session_service=InMemorySessionService())


async def ask(user_id, session_id, content):
    async for event in runner.run_async(user_id=user_id, session_id=session_id, new_message=content):  # expect: google-adk
        yield event


def quick(content):
    memory = InMemoryRunner(agent=root_agent)
    return list(memory.run(user_id="u", session_id="s", new_message=content))  # expect: google-adk
