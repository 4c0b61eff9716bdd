# library: third-party LLM wrappers (simpleaichat, ell, Langroid)
# source: https://pypi.org/project/simpleaichat/, https://pypi.org/project/ell-ai/, https://langroid.github.io/langroid/quick-start/chat-agent
import ell
import langroid as lr
from simpleaichat import AIChat

ai = AIChat(system="You write release notes.", model="gpt-4o-mini")


def notes(text):
    return ai(text)  # expect: simpleaichat


def streamed(text):
    return [chunk for chunk in ai.stream(text)]  # expect: simpleaichat


@ell.simple(model="gpt-4o")  # expect: ell
def hello(world: str):
    """You are a helpful assistant."""
    return f"Say hello to {world}."


def ask_agent(question):
    agent = lr.ChatAgent(lr.ChatAgentConfig(name="helper"))
    return agent.llm_response(question)  # expect: langroid


def run_task(agent):
    task = lr.Task(agent, interactive=False)
    return task.run("Summarise the news")  # expect: langroid
