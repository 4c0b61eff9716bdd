# Canonical usage: https://dramatiq.io/guide.html
import dramatiq
from openai import OpenAI

client = OpenAI()


@dramatiq.actor
def summarize(text):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    print(reply.choices[0].message.content)
