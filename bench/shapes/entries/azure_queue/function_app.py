# Canonical usage: https://learn.microsoft.com/en-us/azure/azure-functions/functions-bindings-storage-queue-trigger?pivots=programming-language-python
import logging

import azure.functions as func
from openai import OpenAI

client = OpenAI()

app = func.FunctionApp()


@app.queue_trigger(arg_name="azqueue", queue_name="documents", connection="AzureWebJobsStorage")
def enrich(azqueue: func.QueueMessage):
    text = azqueue.get_body().decode("utf-8")
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    logging.info(reply.choices[0].message.content)
