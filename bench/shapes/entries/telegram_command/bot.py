# Canonical usage: https://docs.python-telegram-bot.org/en/stable/telegram.ext.commandhandler.html
from telegram import Update
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes
from openai import OpenAI

client = OpenAI()


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    text = " ".join(context.args)
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    await update.message.reply_text(reply.choices[0].message.content)


app = ApplicationBuilder().token("TOKEN").build()
app.add_handler(CommandHandler("ask", ask))
app.run_polling()
