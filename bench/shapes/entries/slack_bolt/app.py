# Canonical usage: https://slack.dev/bolt-python/concepts/message-listening
import os

from slack_bolt import App
from openai import OpenAI

client = OpenAI()

app = App(token=os.environ["SLACK_BOT_TOKEN"], signing_secret=os.environ["SLACK_SIGNING_SECRET"])


@app.message("hello")
def message_hello(message, say):
    text = message["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    say(reply.choices[0].message.content)


if __name__ == "__main__":
    app.start(port=int(os.environ.get("PORT", 3000)))
