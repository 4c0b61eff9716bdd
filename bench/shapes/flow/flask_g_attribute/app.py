from flask import Flask, g

from llm import make_client

app = Flask(__name__)


@app.before_request
def attach():
    g.llm = make_client()


@app.post("/ask")
def ask():
    return g.llm.chat.completions.create(model="gpt-4o-mini", messages=[])  # expect-class: real-time
