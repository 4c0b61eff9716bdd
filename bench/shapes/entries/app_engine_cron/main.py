# Canonical usage: https://cloud.google.com/appengine/docs/standard/scheduling-jobs-with-cron-yaml
from flask import Flask
from openai import OpenAI

client = OpenAI()

app = Flask(__name__)


@app.route("/tasks/digest")
def digest():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    return reply.choices[0].message.content
