# Canonical usage: https://docs.chainlit.io/api-reference/lifecycle-hooks/on-chat-start
import chainlit as cl
from openai import OpenAI

client = OpenAI()


@cl.on_chat_start
async def start():
    text = "Greet the user"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    await cl.Message(content=reply.choices[0].message.content).send()
