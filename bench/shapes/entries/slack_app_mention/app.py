# Canonical usage: https://slack.dev/bolt-python/concepts/event-listening
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from openai import OpenAI

client = OpenAI()

app = App()


@app.event("app_mention")
def handle_mention(event, say):
    text = event["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    say(reply.choices[0].message.content)


if __name__ == "__main__":
    SocketModeHandler(app).start()
