from telegram.ext import Application, CommandHandler, MessageHandler, filters

from services.frameworks import local_and_compatible
from services.raw_http import openrouter


async def summary(update, context):
    local_and_compatible(update.message.text)


async def digest(context):
    openrouter("daily digest")


def main():
    app = Application.builder().token("t").build()
    app.add_handler(CommandHandler("summary", summary))
    app.add_handler(MessageHandler(filters.TEXT, summary))
    app.job_queue.run_repeating(digest, interval=3600, first=10)
    app.run_polling()
