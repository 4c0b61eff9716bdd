# Canonical usage: https://tools.slack.dev/bolt-python/concepts/ai-apps (Assistant class)
import os

from openai import OpenAI
from slack_bolt import App, Assistant
from slack_bolt.adapter.socket_mode import SocketModeHandler

client = OpenAI()
app = App(token=os.environ["SLACK_BOT_TOKEN"])
assistant = Assistant()


@assistant.user_message
def respond_in_assistant_thread(payload, say, set_status):
    set_status("is typing...")
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": payload["text"]}])  # expect-class: real-time
    say(reply.choices[0].message.content)


app.use(assistant)

if __name__ == "__main__":
    SocketModeHandler(app, os.environ["SLACK_APP_TOKEN"]).start()
