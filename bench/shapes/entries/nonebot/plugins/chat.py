# Canonical usage: https://nonebot.dev/docs/tutorial/handler
from nonebot import on_command
from nonebot.adapters import Message
from nonebot.params import CommandArg
from openai import OpenAI

client = OpenAI()

ask = on_command("ask", priority=10, block=True)


@ask.handle()
async def handle_ask(args: Message = CommandArg()):
    text = args.extract_plain_text()
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    await ask.finish(reply.choices[0].message.content)
