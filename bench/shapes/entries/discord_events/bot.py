# Canonical usage: https://discordpy.readthedocs.io/en/stable/quickstart.html
import discord
from openai import OpenAI

client = OpenAI()

intents = discord.Intents.default()
intents.message_content = True
client_bot = discord.Client(intents=intents)


@client_bot.event
async def on_message(message):
    if message.author == client_bot.user:
        return
    text = message.content
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    await message.channel.send(reply.choices[0].message.content)


client_bot.run("token")
