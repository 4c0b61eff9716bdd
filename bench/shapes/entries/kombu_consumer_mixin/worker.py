# Canonical usage: https://docs.celeryq.dev/projects/kombu/en/stable/reference/kombu.mixins.html
from kombu import Connection, Exchange, Queue
from kombu.mixins import ConsumerMixin
from openai import OpenAI

client = OpenAI()


class Worker(ConsumerMixin):
    task_queue = Queue("tasks", Exchange("tasks"), "tasks")

    def __init__(self, connection):
        self.connection = connection

    def get_consumers(self, Consumer, channel):
        return [Consumer(queues=[self.task_queue], callbacks=[self.on_task])]

    def on_task(self, body, message):
        client.responses.create(model="gpt-4o-mini", input=str(body))  # expect-class: near-real-time
        message.ack()


if __name__ == "__main__":
    with Connection("amqp://guest:guest@localhost//") as conn:
        Worker(conn).run()
