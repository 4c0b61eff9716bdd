# Canonical usage: https://google.github.io/mesop/components/chat/
import mesop as me
import mesop.labs as mel
from openai import OpenAI

client = OpenAI()


@me.page(path="/chat")
def page():
    mel.chat(transform, title="Chat")


def transform(text: str, history: list[mel.ChatMessage]) -> str:
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return reply.choices[0].message.content
