# Canonical usage: https://docs.chainlit.io/get-started/pure-python
import chainlit as cl
from openai import OpenAI

client = OpenAI()


@cl.on_message
async def main(message: cl.Message):
    text = message.content
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    await cl.Message(content=reply.choices[0].message.content).send()
