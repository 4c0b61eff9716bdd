# Canonical usage: https://github.com/slack-samples/bolt-python-starter-template (listeners/events/__init__.py)
from openai import OpenAI

client = OpenAI()


def app_mentioned_callback(event, say):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": event["text"]}])  # expect-class: real-time
    say(reply.choices[0].message.content)


def register(app):
    app.event("app_mention")(app_mentioned_callback)
