# Canonical usage: https://learn.microsoft.com/en-us/azure/azure-functions/functions-bindings-storage-queue-trigger?pivots=programming-language-python&tabs=python-v1
import logging

import azure.functions as func
from openai import OpenAI

client = OpenAI()


def main(msg: func.QueueMessage) -> None:
    text = msg.get_body().decode("utf-8")
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    logging.info(reply.choices[0].message.content)
