# Canonical usage: https://pika.readthedocs.io/en/stable/examples/blocking_consume.html (wrapped in a helper class)
import pika


class Rabbit:
    def __init__(self, queue):
        self.queue = queue
        self.channel = pika.BlockingConnection(pika.ConnectionParameters("localhost")).channel()

    def bind(self, func):
        self.channel.basic_consume(queue=self.queue, on_message_callback=func, auto_ack=True)

    def start(self):
        self.channel.start_consuming()
