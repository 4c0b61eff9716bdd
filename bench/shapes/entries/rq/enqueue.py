# Canonical usage: https://python-rq.org/docs/
from redis import Redis
from rq import Queue

from jobs import summarize

q = Queue(connection=Redis())
job = q.enqueue(summarize, "a long text")
