# Canonical usage: https://docs.python-telegram-bot.org/en/stable/telegram.ext.jobqueue.html
import datetime

from telegram.ext import Application, ContextTypes
from openai import OpenAI

client = OpenAI()


async def morning_briefing(context: ContextTypes.DEFAULT_TYPE) -> None:
    text = "Write today's briefing"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    await context.bot.send_message(chat_id=context.job.chat_id, text=reply.choices[0].message.content)


def main() -> None:
    application = Application.builder().token("TOKEN").build()
    application.job_queue.run_daily(morning_briefing, time=datetime.time(hour=7, minute=0))
    application.run_polling()


if __name__ == "__main__":
    main()
