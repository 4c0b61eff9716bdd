# Canonical usage: https://flask.palletsprojects.com/en/stable/cli/#custom-commands
from flask import Flask
from openai import OpenAI

client = OpenAI()

app = Flask(__name__)


@app.cli.command("digest")
def digest():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)
