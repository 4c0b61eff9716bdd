# Canonical usage: https://discordpy.readthedocs.io/en/stable/ext/tasks/index.html
import discord
from discord.ext import commands, tasks
from openai import OpenAI

client = OpenAI()


class DigestCog(commands.Cog):
    def __init__(self, bot):
        self.bot = bot
        self.digest.start()

    @tasks.loop(hours=24.0)
    async def digest(self):
        text = "Summarise today's channel activity"
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
        await self.bot.get_channel(1234).send(reply.choices[0].message.content)
