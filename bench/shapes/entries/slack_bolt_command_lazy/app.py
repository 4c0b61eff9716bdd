# Canonical usage: https://slack.dev/bolt-python/concepts/lazy-listeners
from slack_bolt import App
from openai import OpenAI

client = OpenAI()

app = App(process_before_response=True)


def respond_to_slack_within_3_seconds(body, ack):
    ack("Thinking...")


def run_long_process(respond, body):
    text = body["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    respond(reply.choices[0].message.content)


app.command("/ask")(ack=respond_to_slack_within_3_seconds, lazy=[run_long_process])
