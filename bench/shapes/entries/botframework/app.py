# Canonical usage: https://learn.microsoft.com/en-us/azure/bot-service/bot-builder-basics
from aiohttp import web
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication

from bots.echo_bot import EchoBot

ADAPTER = CloudAdapter(ConfigurationBotFrameworkAuthentication({}))
BOT = EchoBot()


async def messages(req: web.Request) -> web.Response:
    return await ADAPTER.process(req, BOT)


APP = web.Application()
APP.router.add_post("/api/messages", messages)

if __name__ == "__main__":
    web.run_app(APP, host="localhost", port=3978)
