# Canonical usage: https://zulip.com/api/real-time-events
import zulip
from openai import OpenAI

client = OpenAI()

zulip_client = zulip.Client(config_file="~/zuliprc")


def handle(message):
    text = message["content"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    zulip_client.send_message({"type": "private", "to": message["sender_email"], "content": reply.choices[0].message.content})


zulip_client.call_on_each_message(handle)
