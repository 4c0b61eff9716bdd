# Canonical usage: https://learn.microsoft.com/en-us/azure/azure-functions/functions-bindings-storage-blob-trigger?pivots=programming-language-python
import logging

import azure.functions as func
from openai import OpenAI

client = OpenAI()

app = func.FunctionApp()


@app.blob_trigger(arg_name="myblob", path="uploads/{name}", connection="AzureWebJobsStorage")
def describe_upload(myblob: func.InputStream):
    text = myblob.read().decode()
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    logging.info(reply.choices[0].message.content)
