# Canonical usage: https://discordpy.readthedocs.io/en/stable/ext/commands/commands.html
import discord
from discord.ext import commands
from openai import OpenAI

client = OpenAI()

intents = discord.Intents.default()
intents.message_content = True
bot = commands.Bot(command_prefix="$", intents=intents)


@bot.command()
async def ask(ctx, *, text: str):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    await ctx.send(reply.choices[0].message.content)


bot.run("token")
