# Canonical usage: https://redis.io/docs/latest/commands/blpop/ (a list used as a reliable queue)
import redis
from openai import OpenAI

client = OpenAI()
r = redis.Redis()


def work():
    while True:
        _, job = r.blpop("summaries")
        client.responses.create(model="gpt-4o-mini", input=job.decode())  # expect-class: near-real-time


if __name__ == "__main__":
    work()
