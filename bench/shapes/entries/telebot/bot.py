# Canonical usage: https://pytba.readthedocs.io/en/latest/quick_start.html
import telebot
from openai import OpenAI

client = OpenAI()

bot = telebot.TeleBot("TOKEN")


@bot.message_handler(func=lambda message: True)
def echo_all(message):
    text = message.text
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    bot.reply_to(message, reply.choices[0].message.content)


bot.infinity_polling()
