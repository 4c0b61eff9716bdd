# Canonical usage: https://python-rq.org/docs/#the-job-decorator
from flask import Flask, request

from jobs import summarize

app = Flask(__name__)


@app.post("/summaries")
def create_summary():
    summarize.delay(request.json["text"])
    return {"status": "queued"}, 202
