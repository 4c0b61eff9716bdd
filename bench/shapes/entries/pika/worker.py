# Canonical usage: https://www.rabbitmq.com/tutorials/tutorial-two-python
import pika
from openai import OpenAI

client = OpenAI()


def callback(ch, method, properties, body):
    text = body.decode()
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    print(reply.choices[0].message.content)
    ch.basic_ack(delivery_tag=method.delivery_tag)


connection = pika.BlockingConnection(pika.ConnectionParameters(host="localhost"))
channel = connection.channel()
channel.queue_declare(queue="task_queue", durable=True)
channel.basic_consume(queue="task_queue", on_message_callback=callback)
channel.start_consuming()
