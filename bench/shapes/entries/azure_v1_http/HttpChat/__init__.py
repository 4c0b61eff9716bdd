# Canonical usage: https://learn.microsoft.com/en-us/azure/azure-functions/functions-reference-python?pivots=python-mode-configuration
import azure.functions as func
from openai import OpenAI

client = OpenAI()


def main(req: func.HttpRequest) -> func.HttpResponse:
    text = req.get_json()["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return func.HttpResponse(reply.choices[0].message.content)
