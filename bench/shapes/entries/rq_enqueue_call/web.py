# Canonical usage: https://python-rq.org/docs/#enqueueing-jobs
from flask import Flask, request
from redis import Redis
from rq import Queue

app = Flask(__name__)
q = Queue(connection=Redis())


@app.post("/summaries")
def create():
    q.enqueue_call(func="jobs.summarize", args=(request.json["text"],))
    return {"status": "queued"}, 202
