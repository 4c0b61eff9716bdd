# Canonical usage: https://pika.readthedocs.io/en/stable/examples/blocking_consume.html
from openai import OpenAI

from rabbit import Rabbit

client = OpenAI()


def on_message(channel, method, properties, body):
    client.responses.create(model="gpt-4o-mini", input=body.decode())  # expect-class: near-real-time


def run_consumer():
    rabbit = Rabbit("documents")
    rabbit.bind(on_message)
    rabbit.start()


if __name__ == "__main__":
    run_consumer()
