import asyncio

import discord
from discord.ext import commands, tasks

from services.frameworks import agents, legacy_chains
from services.raw_http import Claude, gemini

bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())


@bot.command(name="ask")
async def ask(ctx, *, text):
    await Claude().ask(text)


@bot.event
async def on_ready():
    asyncio.create_task(nightly())


@tasks.loop(hours=24)
async def daily_report():
    legacy_chains([])


async def nightly():
    while True:
        agents("news")
        await asyncio.sleep(6 * 3600)


async def retry(text):
    attempt = 0
    while attempt < 3:
        attempt += 1
        await asyncio.sleep(120)


class Reporter(commands.Cog):
    @tasks.loop(minutes=30)
    async def refresh(self):
        gemini("gemini-pro", "refresh")
