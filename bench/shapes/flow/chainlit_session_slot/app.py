import chainlit as cl

from chains import build_chain


@cl.on_chat_start
async def start():
    cl.user_session.set("chain", build_chain())


@cl.on_message
async def main(message: cl.Message):
    chain = cl.user_session.get("chain")
    answer = await chain.acall(message.content)  # expect-class: real-time
    await cl.Message(content=answer["response"]).send()
