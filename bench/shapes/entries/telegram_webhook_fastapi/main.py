# Canonical usage: https://docs.python-telegram-bot.org/en/stable/examples.customwebhookbot.html
from fastapi import FastAPI, Request
from openai import OpenAI

client = OpenAI()

app = FastAPI()


@app.post("/telegram/webhook")
async def telegram_webhook(request: Request):
    update = await request.json()
    text = update["message"]["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return {"method": "sendMessage", "chat_id": update["message"]["chat"]["id"], "text": reply.choices[0].message.content}
