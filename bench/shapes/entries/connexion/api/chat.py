# Canonical usage: https://connexion.readthedocs.io/en/latest/routing.html
from openai import OpenAI

client = OpenAI()


def post(body):
    text = body["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return {"reply": reply.choices[0].message.content}
