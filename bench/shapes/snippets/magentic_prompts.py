# library: magentic
# source: https://magentic.dev/
from magentic import OpenaiChatModel, chatprompt, prompt
from magentic.chat_model.message import UserMessage


@prompt("Add more 'dude'ness to: {phrase}")
def dudeify(phrase: str) -> str: ...


@chatprompt(UserMessage("Tell me about {topic}"), model=OpenaiChatModel("gpt-4o"))
def describe(topic: str) -> str: ...


def use(text):
    return dudeify(text), describe(text)  # expect: magentic
