# Canonical usage: https://learn.microsoft.com/en-us/azure/azure-functions/functions-bindings-timer?pivots=programming-language-python&tabs=python-v1
import logging

import azure.functions as func
from openai import OpenAI

client = OpenAI()


def main(mytimer: func.TimerRequest) -> None:
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    logging.info(reply.choices[0].message.content)
