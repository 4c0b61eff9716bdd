# library: smolagents
# source: https://huggingface.co/docs/smolagents/guided_tour
from smolagents import CodeAgent, InferenceClientModel, LiteLLMModel, ToolCallingAgent

model = InferenceClientModel()
agent = CodeAgent(tools=[], model=model)


def run(task):
    return agent.run(task)  # expect: smolagents


class Worker:
    def __init__(self):
        self.agent = ToolCallingAgent(tools=[], model=LiteLLMModel(model_id="anthropic/claude-sonnet-4-5"))

    def work(self, task):
        return self.agent.run(task)  # expect: smolagents


def model_direct(messages):
    return model(messages)  # expect: smolagents
