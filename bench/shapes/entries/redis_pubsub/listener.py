# Canonical usage: https://redis.readthedocs.io/en/stable/advanced_features.html#publish-subscribe
import redis
from openai import OpenAI

client = OpenAI()

r = redis.Redis()
p = r.pubsub()
p.subscribe("documents")
for message in p.listen():
    if message["type"] != "message":
        continue
    text = message["data"].decode()
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    print(reply.choices[0].message.content)
