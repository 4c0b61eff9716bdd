# Canonical usage: https://cloud.google.com/pubsub/docs/publish-receive-messages-client-library
from google.cloud import pubsub_v1
from openai import OpenAI

client = OpenAI()

subscriber = pubsub_v1.SubscriberClient()
subscription_path = subscriber.subscription_path("my-project", "documents-sub")


def callback(message):
    text = message.data.decode()
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    print(reply.choices[0].message.content)
    message.ack()


streaming_pull_future = subscriber.subscribe(subscription_path, callback=callback)
with subscriber:
    streaming_pull_future.result()
