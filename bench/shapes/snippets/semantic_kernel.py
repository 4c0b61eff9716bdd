# library: Semantic Kernel (Python)
# source: https://learn.microsoft.com/en-us/semantic-kernel/concepts/ai-services/chat-completion/ ;
#         https://learn.microsoft.com/en-us/semantic-kernel/frameworks/agent/agent-types/chat-completion-agent
from semantic_kernel import Kernel
from semantic_kernel.agents import ChatCompletionAgent
from semantic_kernel.connectors.ai.open_ai import (
    OpenAIChatCompletion,
    OpenAIChatPromptExecutionSettings,
)
from semantic_kernel.contents import ChatHistory

service = OpenAIChatCompletion(ai_model_id="gpt-4o")
kernel = Kernel()
kernel.add_service(service)


async def chat(text):
    history = ChatHistory()
    history.add_user_message(text)
    return await service.get_chat_message_content(chat_history=history, settings=OpenAIChatPromptExecutionSettings())  # expect: semantic-kernel


async def prompt(text):
    return await kernel.invoke_prompt(prompt=text)  # expect: semantic-kernel


class Helper:
    def __init__(self):
        self.agent = ChatCompletionAgent(service=OpenAIChatCompletion(), name="helper", instructions="Be brief")

    async def ask(self, text):
        return await self.agent.get_response(messages=text)  # expect: semantic-kernel
