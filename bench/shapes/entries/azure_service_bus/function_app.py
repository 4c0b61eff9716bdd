# Canonical usage: https://learn.microsoft.com/en-us/azure/azure-functions/functions-bindings-service-bus-trigger?pivots=programming-language-python
import logging

import azure.functions as func
from openai import OpenAI

client = OpenAI()

app = func.FunctionApp()


@app.service_bus_queue_trigger(arg_name="msg", queue_name="documents", connection="ServiceBusConnection")
def enrich(msg: func.ServiceBusMessage):
    text = msg.get_body().decode("utf-8")
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    logging.info(reply.choices[0].message.content)
