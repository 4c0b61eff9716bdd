# library: AutoGen / AG2
# source: https://microsoft.github.io/autogen/stable/user-guide/agentchat-user-guide/quickstart.html ;
#         https://docs.ag2.ai/latest/docs/user-guide/basic-concepts/conversable-agent/
from autogen import AssistantAgent, UserProxyAgent
from autogen_agentchat.agents import AssistantAgent as ChatAssistant
from autogen_agentchat.teams import RoundRobinGroupChat
from autogen_ext.models.openai import OpenAIChatCompletionClient

assistant = AssistantAgent("assistant", llm_config={"model": "gpt-4o"})
user = UserProxyAgent("user", human_input_mode="NEVER")


def ag2(text):
    return user.initiate_chat(assistant, message=text)  # expect: autogen


model_client = OpenAIChatCompletionClient(model="gpt-4o")


async def agentchat(task):
    agent = ChatAssistant("helper", model_client=model_client)
    return await agent.run(task=task)  # expect: autogen


async def team(task):
    group = RoundRobinGroupChat([ChatAssistant("a", model_client=model_client)])
    return await group.run(task=task)  # expect: autogen


async def raw_client(messages):
    return await model_client.create(messages)  # expect: autogen
