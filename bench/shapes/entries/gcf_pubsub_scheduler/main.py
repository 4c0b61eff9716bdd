# Canonical usage: https://cloud.google.com/scheduler/docs/tut-gcf-pub-sub
import base64

import functions_framework
from openai import OpenAI

client = OpenAI()


@functions_framework.cloud_event
def digest(cloud_event):
    text = base64.b64decode(cloud_event.data["message"]["data"]).decode()
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    print(reply.choices[0].message.content)
