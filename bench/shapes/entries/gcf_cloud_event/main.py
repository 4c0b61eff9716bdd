# Canonical usage: https://cloud.google.com/functions/docs/writing/write-event-driven-functions
import functions_framework
from openai import OpenAI

client = OpenAI()


@functions_framework.cloud_event
def describe_upload(cloud_event):
    text = cloud_event.data["name"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    print(reply.choices[0].message.content)
