# Canonical usage: https://huey.readthedocs.io/en/latest/guide.html#function-decorators
from flask import Flask, request

from tasks import summarize

app = Flask(__name__)


@app.post("/summaries")
def create():
    summarize(request.json["text"])
    return {"status": "queued"}, 202
