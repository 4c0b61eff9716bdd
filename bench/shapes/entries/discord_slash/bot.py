# Canonical usage: https://discordpy.readthedocs.io/en/stable/interactions/api.html#commandtree
import discord
from discord import app_commands
from openai import OpenAI

client = OpenAI()

bot = discord.Client(intents=discord.Intents.default())
tree = app_commands.CommandTree(bot)


@tree.command(name="ask", description="Ask the assistant")
async def ask(interaction: discord.Interaction, question: str):
    text = question
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    await interaction.response.send_message(reply.choices[0].message.content)


bot.run("token")
