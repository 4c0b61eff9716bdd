# Canonical usage: https://learn.microsoft.com/en-us/azure/azure-functions/functions-bindings-timer?pivots=programming-language-python
import logging

import azure.functions as func
from openai import OpenAI

client = OpenAI()

app = func.FunctionApp()


@app.timer_trigger(schedule="0 0 7 * * *", arg_name="myTimer", run_on_startup=False, use_monitor=False)
def summarize_news(myTimer: func.TimerRequest) -> None:
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    logging.info(reply.choices[0].message.content)
