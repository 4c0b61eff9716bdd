# library: requests the code assembles: a URL chosen by configuration, arguments unpacked from a mapping
# source: https://requests.readthedocs.io/en/latest/user/quickstart/, https://github.com/ollama/ollama/blob/main/docs/api.md, https://platform.openai.com/docs/api-reference/chat/create
import os

import requests

ENDPOINTS = {
    "openai": "https://api.openai.com/v1/chat/completions",
    "mistral": "https://api.mistral.ai/v1/chat/completions",
}


def evaluate(prompt, url, model_name):
    payload = {"model": model_name, "prompt": prompt, "stream": False}
    endpoint = f"{url}/generate" if url.endswith("/api") else f"{url}/api/generate"
    return requests.post(endpoint, json=payload)  # expect: ollama


def ask_configured(messages):
    return requests.post(ENDPOINTS[os.environ["LLM_PROVIDER"]], json={"model": "m", "messages": messages})  # expect: openai


def ask_from_environment(messages):
    return requests.post(os.environ["LLM_API_URL"], json={"model": "m", "messages": messages})  # expect: openai-compatible


def notify(payload):
    return requests.post(os.environ["WEBHOOK_URL"], json=payload)


def ask_unpacked(client, question):
    params = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": question}]}
    return client.chat.completions.create(**params)  # expect: openai-compatible


def complete(client, **kwargs):
    return client.chat.completions.create(**kwargs)  # expect: openai-compatible


def caller(client):
    return complete(client, model="gpt-4o-mini", messages=[])
