# library: magentic
# source: https://magentic.dev/
from magentic import OpenaiChatModel, chatprompt, prompt
from magentic.chat_model.message import UserMessage


@prompt("Add more 'dude'ness to: {phrase}")  # expect: magentic
def dudeify(phrase: str) -> str: ...


@chatprompt(UserMessage("Tell me about {topic}"), model=OpenaiChatModel("gpt-4o"))  # expect: magentic
def describe(topic: str) -> str: ...


# The decorators are the sites, inside the functions they decorate: this caller reaches them.
def use(text):
    return dudeify(text), describe(text)
