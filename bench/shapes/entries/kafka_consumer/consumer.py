# Canonical usage: https://kafka-python.readthedocs.io/en/master/usage.html
from kafka import KafkaConsumer
from openai import OpenAI

client = OpenAI()

consumer = KafkaConsumer("documents", group_id="enricher", bootstrap_servers=["localhost:9092"])
for msg in consumer:
    text = msg.value.decode("utf-8")
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    print(reply.choices[0].message.content)
