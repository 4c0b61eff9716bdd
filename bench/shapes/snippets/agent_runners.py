# library: agent runners called as libraries (OpenAI Swarm, Open Interpreter)
# source: https://github.com/openai/swarm (README "Running Swarm") ; https://docs.openinterpreter.com/usage/python/multiple-instances
from interpreter import OpenInterpreter, interpreter
from swarm import Agent, Swarm

client = Swarm()
agent = Agent(name="Agent", instructions="You are a helpful agent.")


def swarm_run(messages):
    return client.run(agent=agent, messages=messages)  # expect: swarm


def swarm_stream(messages):
    for chunk in client.run(agent=agent, messages=messages, stream=True):  # expect: swarm
        yield chunk


def interpreter_module(task):
    return interpreter.chat(task)  # expect: open-interpreter


class Assistant:
    def __init__(self):
        self.agent = OpenInterpreter()

    def ask(self, task):
        return self.agent.chat(task, display=False)  # expect: open-interpreter
